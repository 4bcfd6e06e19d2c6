package dev.costflow.cli;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a model: {@code --set} and {@code --period}. */
public final class ModelOptions {
  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change one value for a what-if without editing the file, e.g. services.checkout.memory_mb=2048 (repeatable; VALUE is YAML).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--period", paramLabel = "YYYY-MM", description = "Price this calendar month instead of the model's period.")
  String period;

  public List<String> allSets() {
    List<String> all = new ArrayList<>(sets);
    if (period != null) {
      if (!period.matches("^\\d{4}-\\d{2}$")) {
        throw new UserException("--period: expected a calendar month YYYY-MM, got '" + period + "'");
      }
      all.add("period=\"" + period + "\"");
    }
    return all;
  }

  public Model read(Path file) {
    return ModelReader.read(file, allSets());
  }
}
