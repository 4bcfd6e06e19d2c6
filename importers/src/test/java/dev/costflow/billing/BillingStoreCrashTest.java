package dev.costflow.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.importers.bills.BillImport;
import dev.costflow.importers.bills.CurImporter;
import dev.costflow.importers.bills.Progress;
import dev.costflow.pricing.UsageTypeIndex;
import dev.costflow.testing.BillFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import killed midway (SIGKILL while reading, or a halt inside the commit) leaves the previous data whole. */
class BillingStoreCrashTest {
  @TempDir Path tmp;

  private record Snapshot(long lines, BigDecimal billed, int imports) {}

  private static Snapshot snapshot(Path home) {
    try (BillingStore s = BillingStore.open(home)) {
      return new Snapshot(s.lineCount(), s.billedTotal(), s.imports().size());
    }
  }

  /** The sample's rows repeated: a file big enough to take a few seconds. */
  private Path bigFile(int copies) throws Exception {
    Path sample = BillFixtures.copy(BillFixtures.CUR, tmp.resolve("in"));
    List<String> rows = Files.readAllLines(sample, StandardCharsets.UTF_8);
    Path out = tmp.resolve("big.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16) {
      {
        def.setLevel(1); // fast: the test is about the import, not the compression
      }
    }) {
      o.write((rows.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] body = (String.join("\n", rows.subList(1, rows.size())) + "\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < copies; i++) {
        o.write(body);
      }
    }
    return out;
  }

  private Process child(Path home, Path file, String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashImportMain.class.getName());
    cmd.add(home.toString());
    cmd.add(file.toString());
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private Path homeWithBaseline() throws Exception {
    Path home = tmp.resolve("home");
    Path sample = BillFixtures.copy(BillFixtures.CUR, tmp.resolve("base"));
    try (BillingStore s = BillingStore.open(home)) {
      BillImport.files(s, new CurImporter(CurImporter.Flavor.LEGACY, UsageTypeIndex.bundled()), List.of(sample), Progress.NONE);
    }
    return home;
  }

  @Test
  void killedWhileReadingLeavesThePreviousDataWhole() throws Exception {
    Path home = homeWithBaseline();
    Snapshot before = snapshot(home);
    Path big = bigFile(800); // 1 M rows of the same billing period
    Process p = child(home, big);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      assertThat(line).isEqualTo("importing");
      Thread.sleep(1500);
      assertThat(p.isAlive()).as("the import must still be running when it is killed").isTrue();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(snapshot(home)).isEqualTo(before);
  }

  @Test
  void haltedInsideTheCommitTransactionLeavesThePreviousDataWhole() throws Exception {
    Path home = homeWithBaseline();
    Snapshot before = snapshot(home);
    Path big = bigFile(3);
    Process p = child(home, big, "-Dcostflow.test.haltInCommit=true");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isEqualTo(137);
    assertThat(out).doesNotContain("done");
    assertThat(snapshot(home)).isEqualTo(before);
    // and the store still takes a normal import afterwards
    Process ok = child(home, big);
    assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    Snapshot after = snapshot(home);
    assertThat(after.imports()).isEqualTo(before.imports() + 1);
    assertThat(after.billed()).isEqualByComparingTo(before.billed().multiply(BigDecimal.valueOf(3)));
  }
}
