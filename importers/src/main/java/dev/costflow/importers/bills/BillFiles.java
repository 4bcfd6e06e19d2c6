package dev.costflow.importers.bills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what the user names — files, folders of parts, manifests — into the data files to read,
 * in a stable order. A manifest ({@code *Manifest.json}: legacy CUR {@code reportKeys}, Data Exports
 * {@code dataFiles}) is the list of record: its files are found next to it by the trailing parts of
 * their S3 keys, never by listing the folder (old assemblies stay in S3 folders).
 */
public final class BillFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A data file and how to read it. */
  public record DataFile(Path path, String name, boolean parquet) {}

  private BillFiles() {}

  public static boolean isParquet(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".parquet") || n.endsWith(".parq");
  }

  static boolean isCsv(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".gz");
  }

  static boolean isManifest(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /** The data files of the inputs, each once, in the order given (folders sorted by path). */
  public static List<DataFile> expand(List<Path> inputs) throws BillImportException {
    Set<Path> seen = new LinkedHashSet<>();
    List<DataFile> out = new ArrayList<>();
    for (Path in : inputs) {
      String name = in.toString();
      if (Files.isDirectory(in)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
          files = walk.filter(Files::isRegularFile).filter(p -> isCsv(p) || isParquet(p)).sorted().toList();
        } catch (IOException e) {
          throw new BillImportException(name, 0, 0, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
          throw new BillImportException(name, 0, 0, "the folder has no bill files (.csv, .csv.gz, .parquet)");
        }
        for (Path f : files) {
          add(out, seen, f, f.toString());
        }
      } else if (!Files.exists(in)) {
        throw new BillImportException(name, 0, 0, "no such file or folder");
      } else if (isManifest(in)) {
        for (Path f : manifestFiles(in)) {
          add(out, seen, f, f.toString());
        }
      } else {
        add(out, seen, in, name);
      }
    }
    return out;
  }

  private static void add(List<DataFile> out, Set<Path> seen, Path p, String name) {
    if (seen.add(p.toAbsolutePath().normalize())) {
      out.add(new DataFile(p, name, isParquet(p)));
    }
  }

  /** The local data files a manifest names. */
  static List<Path> manifestFiles(Path manifest) throws BillImportException {
    String name = manifest.toString();
    JsonNode root;
    try {
      root = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new BillImportException(name, 1, 0, "not a JSON manifest: " + e.getMessage(), e);
    }
    List<String> keys = new ArrayList<>();
    for (String field : List.of("reportKeys", "dataFiles")) {
      JsonNode list = root.path(field);
      if (list.isArray()) {
        for (JsonNode k : list) {
          keys.add(k.isTextual() ? k.asText() : k.path("key").asText(k.path("url").asText("")));
        }
      }
    }
    if (keys.isEmpty()) {
      throw new BillImportException(name, 1, 0, "the manifest lists no data files (expected 'reportKeys' or 'dataFiles')");
    }
    Path dir = manifest.toAbsolutePath().getParent();
    List<Path> out = new ArrayList<>();
    for (String key : keys) {
      Path found = locate(dir, key);
      if (found == null) {
        throw new BillImportException(name, 1, 0, "the manifest names " + key + ", which is not found next to the manifest or in the folders above it");
      }
      out.add(found);
    }
    return out;
  }

  /** Finds the local copy of an S3 key: its longest trailing part under the manifest's folder or its ancestors. */
  static Path locate(Path dir, String key) {
    String k = key.startsWith("s3://") ? key.substring(5) : key;
    String[] parts = k.split("/");
    for (int start = 0; start < parts.length; start++) {
      String suffix = String.join("/", java.util.Arrays.copyOfRange(parts, start, parts.length));
      Path at = dir;
      for (int up = 0; up < 5 && at != null; up++, at = at.getParent()) {
        Path candidate = at.resolve(suffix);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Opens a data file. */
  public static RowSource open(DataFile f) throws BillImportException {
    return f.parquet() ? ParquetRowSource.open(f.path(), f.name()) : CsvRowSource.open(f.path(), f.name());
  }
}
