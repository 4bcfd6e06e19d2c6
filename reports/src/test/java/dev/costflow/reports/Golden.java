package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file checks: compares text with {@code src/test/resources/golden/NAME}. Run with
 * {@code -Dgolden.update=true} to (re)write the files, then review the diff before committing.
 */
final class Golden {
  static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s is missing: run with -Dgolden.update=true", file).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual).as("output differs from %s (run with -Dgolden.update=true to accept, then review the diff)", file).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
