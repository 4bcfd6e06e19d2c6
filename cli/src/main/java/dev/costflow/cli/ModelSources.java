package dev.costflow.cli;

import dev.costflow.diff.ModelDiff;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where {@code costflow diff} reads a model: a file, or {@code git:REF:PATH} — the file at a git
 * revision of the repository the command runs in, read with {@code git show REF:PATH} (so any
 * revision git understands works: a branch, a tag, {@code HEAD~1}, {@code origin/main}, a commit).
 *
 * <p>PATH follows git's rule: relative to the repository root, or to the current directory when
 * it starts with {@code ./} or {@code ../}. The model's {@code samples:} and {@code series:} files
 * are read at the same revision, relative to the model's directory at that revision; a data file
 * that is not in the revision (e.g. ignored by git, or outside the repository) is read from the
 * working tree instead, with a note. Those files are written to a temporary directory that
 * {@link #close()} deletes.
 */
final class ModelSources implements AutoCloseable {
  static final String GIT_PREFIX = "git:";

  /** Depth of the repository inside the temporary directory, so that {@code ../} data paths stay inside it. */
  private static final int PAD = 6;

  private final Path cwd;
  private final List<Path> tempDirs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  ModelSources(Path cwd) {
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  /** Notes for stderr: data files read from the working tree, models that do not exist. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * Reads and validates one side. {@code missingAsEmpty}: a model that does not exist (at that
   * revision, or as a file) is compared as an empty model instead of being an error.
   */
  ModelDiff.Input load(String spec, boolean missingAsEmpty) {
    if (spec.startsWith(GIT_PREFIX)) {
      return loadGit(spec, missingAsEmpty);
    }
    Path file = cwd.resolve(spec);
    if (!Files.exists(file) && missingAsEmpty) {
      notes.add(spec + " does not exist: compared as an empty model");
      return ModelDiff.Input.missing(spec);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(Position.of(spec), "no such file (pass --missing-as-empty to compare a new or deleted model with nothing)"));
    } catch (IOException | UncheckedIOException e) {
      throw new ModelException(Diagnostic.error(Position.of(spec), "cannot read the model: " + e.getMessage()));
    }
    Path dir = file.getParent() == null ? cwd : file.getParent();
    Model m = ModelReader.read(text, spec, dir, List.of(), Optional.of(file));
    return ModelDiff.Input.of(m.tree(), dir, spec);
  }

  private ModelDiff.Input loadGit(String spec, boolean missingAsEmpty) {
    String rest = spec.substring(GIT_PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new UserException(spec + ": expected git:REF:PATH, e.g. git:main:examples/checkout.yaml or git:HEAD~1:model.yaml");
    }
    String ref = rest.substring(0, colon);
    String path = rest.substring(colon + 1);
    if (ref.startsWith("-")) {
      throw new UserException(spec + ": '" + ref + "' is not a revision (use a branch, tag or commit)");
    }
    Path root = Path.of(git(spec, List.of("rev-parse", "--show-toplevel"), "not inside a git repository").strip());
    String prefix = git(spec, List.of("rev-parse", "--show-prefix"), "not inside a git repository").strip();
    if (gitStatus(List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}")) != 0) {
      throw new UserException(spec + ": unknown revision '" + ref + "' in " + root + " (is it fetched? in CI, fetch the base branch, e.g. fetch-depth: 0)");
    }
    String repoPath = repoRelative(prefix, path);
    if (repoPath.startsWith("../") || repoPath.equals("..")) {
      throw new UserException(spec + ": " + path + " is outside the repository");
    }
    if (gitStatus(List.of("cat-file", "-e", ref + ":" + repoPath)) != 0) {
      if (missingAsEmpty) {
        notes.add(spec + ": " + repoPath + " does not exist at " + ref + ": compared as an empty model");
        return ModelDiff.Input.missing(spec);
      }
      throw new UserException(spec + ": " + repoPath + " does not exist at " + ref + " (a new model? pass --missing-as-empty to compare it with nothing)");
    }
    String text = git(spec, List.of("show", ref + ":" + repoPath), "cannot read " + repoPath + " at " + ref);

    Path temp;
    try {
      temp = Files.createTempDirectory("costflow-git-");
    } catch (IOException e) {
      throw new UserException(spec + ": cannot create a temporary directory: " + e.getMessage(), e);
    }
    tempDirs.add(temp);
    Path repoInTemp = temp;
    for (int i = 0; i < PAD; i++) {
      repoInTemp = repoInTemp.resolve("r");
    }
    String modelDir = parent(repoPath);
    Path baseDir = repoInTemp.resolve(modelDir);

    YNode tree;
    try {
      tree = YTrees.parse(text, spec);
    } catch (YTrees.SyntaxException e) {
      throw new ModelException(Diagnostic.error(e.pos(), e.getMessage()));
    }
    for (String ref2 : dataFiles(tree)) {
      if (Path.of(ref2).isAbsolute()) {
        continue;
      }
      String inRepo = normalize(modelDir.isEmpty() ? ref2 : modelDir + "/" + ref2);
      Path target = baseDir.resolve(ref2).normalize();
      if (!target.startsWith(temp)) {
        continue; // climbs out of even the padding: leave it unreadable, the reader reports it with its position
      }
      try {
        Files.createDirectories(target.getParent());
        if (!inRepo.startsWith("../") && gitStatus(List.of("cat-file", "-e", ref + ":" + inRepo)) == 0) {
          Files.write(target, gitBytes(spec, List.of("show", ref + ":" + inRepo)));
          continue;
        }
        Path working = root.resolve(modelDir).resolve(ref2).normalize();
        if (Files.isRegularFile(working)) {
          Files.copy(working, target);
          notes.add(spec + ": data file " + ref2 + (inRepo.startsWith("../") ? " is outside the repository" : " is not in " + ref)
              + "; read from the working tree");
        }
      } catch (IOException e) {
        throw new UserException(spec + ": cannot prepare data file " + ref2 + ": " + e.getMessage(), e);
      }
    }
    ModelReader.read(tree, baseDir, Optional.empty()); // validate: errors name git:REF:PATH and the line
    return ModelDiff.Input.of(tree, baseDir, spec);
  }

  /** The {@code samples:} and {@code series:} file names a model refers to. */
  static List<String> dataFiles(YNode n) {
    List<String> out = new ArrayList<>();
    collect(n, out);
    return out;
  }

  private static void collect(YNode n, List<String> out) {
    if (n instanceof YMap m) {
      for (YEntry e : m.entries()) {
        if ((e.key().equals("samples") || e.key().equals("series")) && e.value() instanceof YScalar s && s.kind() == YScalar.Kind.STRING && !s.text().isBlank()) {
          if (!out.contains(s.text())) {
            out.add(s.text());
          }
        } else {
          collect(e.value(), out);
        }
      }
    } else if (n instanceof YList l) {
      for (YNode i : l.items()) {
        collect(i, out);
      }
    }
  }

  static String repoRelative(String prefix, String path) {
    if (path.startsWith("./") || path.startsWith("../") || path.equals(".") || path.equals("..")) {
      return normalize(prefix + path);
    }
    return normalize(path);
  }

  /** Normalizes a slash-separated relative path; leading ".." segments are kept. */
  static String normalize(String p) {
    List<String> parts = new ArrayList<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
        parts.remove(parts.size() - 1);
      } else {
        parts.add(s);
      }
    }
    return String.join("/", parts);
  }

  private static String parent(String p) {
    int slash = p.lastIndexOf('/');
    return slash < 0 ? "" : p.substring(0, slash);
  }

  // ------------------------------------------------------------------ git

  private String git(String spec, List<String> args, String what) {
    return new String(gitBytes(spec, args, what), StandardCharsets.UTF_8);
  }

  private byte[] gitBytes(String spec, List<String> args) {
    return gitBytes(spec, args, "git " + args.get(0) + " failed");
  }

  private byte[] gitBytes(String spec, List<String> args, String what) {
    Result r = run(args);
    if (r.status != 0) {
      String err = r.stderr.strip();
      throw new UserException(spec + ": " + what + (err.isEmpty() ? "" : " (git: " + err.lines().findFirst().orElse("") + ")"));
    }
    return r.stdout;
  }

  private int gitStatus(List<String> args) {
    return run(args).status;
  }

  private record Result(int status, byte[] stdout, String stderr) {}

  private Result run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UserException("git: cannot run git (" + e.getMessage() + "); git:REF:PATH needs git on the PATH", e);
    }
    try {
      p.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
      errReader.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UserException("git " + String.join(" ", args) + ": timed out");
      }
      errReader.join();
      return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("git: interrupted");
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the process ended; what was read is enough for a message
    }
  }

  @Override
  public void close() {
    for (Path t : tempDirs) {
      try (Stream<Path> files = Files.walk(t)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // best effort: a temp directory left behind is harmless
      }
    }
    tempDirs.clear();
  }
}
