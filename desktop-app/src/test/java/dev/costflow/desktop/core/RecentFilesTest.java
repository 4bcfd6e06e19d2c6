package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentFilesTest {
  @Test
  void newestFirstNoDuplicatesKeptAcrossRuns(@TempDir Path home) {
    RecentFiles r = RecentFiles.in(home);
    for (int i = 0; i < 12; i++) {
      r.add(home.resolve("m" + i + ".yaml"));
    }
    r.add(home.resolve("m5.yaml"));
    RecentFiles again = RecentFiles.in(home);
    assertThat(again.files()).hasSize(RecentFiles.MAX);
    assertThat(again.files().get(0)).isEqualTo(home.resolve("m5.yaml").toAbsolutePath());
    assertThat(again.files().get(1)).isEqualTo(home.resolve("m11.yaml").toAbsolutePath());
    assertThat(again.files()).doesNotHaveDuplicates();
    again.remove(home.resolve("m5.yaml"));
    assertThat(RecentFiles.in(home).files()).doesNotContain(home.resolve("m5.yaml").toAbsolutePath());
  }

  @Test
  void anUnreadableListIsIgnored(@TempDir Path home) throws Exception {
    java.nio.file.Files.createDirectories(home.resolve("desktop-recent.txt"));
    RecentFiles r = RecentFiles.in(home);
    assertThat(r.files()).isEmpty();
    r.add(home.resolve("a.yaml")); // cannot be stored: still remembered for the session
    assertThat(r.files()).hasSize(1);
  }
}
