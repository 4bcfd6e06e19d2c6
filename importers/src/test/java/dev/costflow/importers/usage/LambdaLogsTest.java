package dev.costflow.importers.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.dist.Samples;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.services.LambdaKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaLogsTest {
  static final Path DIR = Path.of("src/test/resources/usage");
  @TempDir Path tmp;

  private static LambdaLogs.Reading read(Path... files) {
    List<Path> list = List.of(files);
    return LambdaLogs.read(list, list.stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void realCloudWatchSubscriptionPayload() {
    // lambda-stash's test asset: a decoded CloudWatch Logs subscription payload, old (100 ms) billing era
    LambdaLogs.Reading r = read(DIR.resolve("lambda-stash/cloudwatch.data.json"));
    assertThat(r.reports()).hasSize(1);
    LambdaLogs.Report rep = r.reports().get(0);
    assertThat(rep.requestId()).isEqualTo("abcdef-1234-5678-9012-abcdef");
    assertThat(rep.durationMs()).isEqualTo(432.10);
    assertThat(rep.billedDurationMs()).isEqualTo(500);
    assertThat(rep.memorySizeMb()).isEqualTo(256);
    assertThat(rep.maxMemoryUsedMb()).isEqualTo(123);
    assertThat(rep.initDurationMs()).isEmpty();
    assertThat(rep.pos().file()).isEqualTo("cloudwatch.data.json");
  }

  @Test
  void textReportLinesOfTheCurrentFormat() {
    LambdaLogs.Reading r = read(DIR.resolve("report-lines.log"));
    assertThat(r.reports()).hasSize(6);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.reports()).extracting(LambdaLogs.Report::durationMs).containsExactly(183.47, 51.90, 48.12, 62.00, 3000.00, 75.33);
    assertThat(r.reports().get(0).initDurationMs()).contains(412.08);
    assertThat(r.reports().get(5).initDurationMs()).contains(398.51);
    assertThat(r.reports().get(4).status()).isEqualTo("timeout");
    assertThat(r.reports().get(3).maxMemoryUsedMb()).isEqualTo(95); // space-separated export
    assertThat(r.reports().get(0).pos().line()).isEqualTo(4);
  }

  @Test
  void jsonPlatformReportRecords() {
    LambdaLogs.Reading jsonl = read(DIR.resolve("platform-report.jsonl"));
    assertThat(jsonl.reports()).extracting(LambdaLogs.Report::durationMs).containsExactly(221.5, 140.75, 133.0);
    assertThat(jsonl.reports().get(0).initDurationMs()).contains(388.25);
    assertThat(jsonl.reports().get(2).status()).isEqualTo("error");
    LambdaLogs.Reading events = read(DIR.resolve("json-log-format.json"));
    assertThat(events.reports()).extracting(LambdaLogs.Report::durationMs).containsExactly(12.3, 9.8);
  }

  @Test
  void gzipFilesAreRead() throws IOException {
    Path gz = tmp.resolve("logs.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(DIR.resolve("report-lines.log")));
    }
    assertThat(read(gz).reports()).hasSize(6);
  }

  @Test
  void brokenReportsAreErrorsWithFileAndLine() throws IOException {
    Path bad = tmp.resolve("bad.log");
    Files.writeString(bad, "START x\nREPORT RequestId: 1\tDuration: fast ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\n");
    assertThatThrownBy(() -> read(bad)).isInstanceOf(ModelException.class).hasMessageContaining("bad.log:2:").hasMessageContaining("Duration");
    Path none = tmp.resolve("none.log");
    Files.writeString(none, "just\nsome text\n");
    assertThatThrownBy(() -> read(none)).isInstanceOf(ModelException.class).hasMessageContaining("no REPORT lines");
    Path json = tmp.resolve("broken.json");
    Files.writeString(json, "{\"events\": [\n  {\"message\": 1,}\n]}");
    assertThatThrownBy(() -> read(json)).isInstanceOf(ModelException.class).hasMessageContaining("broken.json:2:");
    Path metrics = tmp.resolve("m.jsonl");
    Files.writeString(metrics, "{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":\"slow\",\"memorySizeMB\":128,\"maxMemoryUsedMB\":1}}}\n");
    assertThatThrownBy(() -> read(metrics)).isInstanceOf(ModelException.class).hasMessageContaining("durationMs");
    Path gz = tmp.resolve("cut.gz");
    byte[] full;
    try (var bytes = new java.io.ByteArrayOutputStream(); OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(Files.readAllBytes(DIR.resolve("report-lines.log")));
      out.close();
      full = bytes.toByteArray();
    }
    Files.write(gz, java.util.Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> read(gz)).isInstanceOf(ModelException.class).hasMessageContaining("gzip");
  }

  @Test
  void binaryFilesAreRefusedAndLargeLogsStream() throws IOException {
    Path bin = tmp.resolve("bin.log");
    Files.write(bin, new byte[] {'R', 'E', (byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> read(bin)).isInstanceOf(ModelException.class).hasMessageContaining("not a text log");
    Path big = tmp.resolve("big.log");
    try (var w = Files.newBufferedWriter(big)) {
      for (int i = 0; i < 100_000; i++) {
        w.write("2025-11-03T09:14:02.305Z REPORT RequestId: r" + i + "\tDuration: " + (i % 1000) + ".25 ms\tBilled Duration: " + (i % 1000 + 1)
            + " ms\tMemory Size: 256 MB\tMax Memory Used: 60 MB\t\n");
      }
    }
    LambdaLogs.Reading r = read(big);
    assertThat(r.reports()).hasSize(100_000);
    assertThat(r.reports().get(99_999).pos().line()).isEqualTo(100_000);
  }

  @Test
  void samplesColdStartsAndMemoryIntoAModel() throws IOException {
    String model = """
        costflow: 1
        name: shop
        services:
          api:
            type: aws.apigateway.http
            traffic: {monthly: 1000000}
            calls: [{to: checkout}]
          # the checkout function
          checkout:
            type: aws.lambda
            memory_mb: 512   # guessed
            duration_ms: 100
        """;
    LambdaLogs.Reading r = read(DIR.resolve("report-lines.log"));
    LambdaLogImport.Result res = LambdaLogImport.apply(r, "checkout", "report-lines.log", "checkout.durations.txt", "checkout.init-durations.txt",
        Optional.of(model), "shop.yaml", tmp);
    assertThat(res.invocations()).isEqualTo(6);
    assertThat(res.summary()).anySatisfy(s -> assertThat(s).contains("2 cold starts (33.333 % of invocations)"));
    assertThat(res.summary()).anySatisfy(s -> assertThat(s).contains("1024 MB, at most 97 MB used").contains("oversized"));
    assertThat(res.summary()).anySatisfy(s -> assertThat(s).contains("timed out"));
    Files.writeString(tmp.resolve("checkout.durations.txt"), res.samplesText());
    Files.writeString(tmp.resolve("checkout.init-durations.txt"), res.initSamplesText().orElseThrow());
    String edited = res.modelText().orElseThrow();
    assertThat(edited).contains("# the checkout function").contains("duration_ms: {samples: checkout.durations.txt}");
    Model m = ModelReader.read(edited, "shop2.yaml", tmp, List.of(), Optional.empty());
    LambdaKind.Spec s = m.service("checkout").orElseThrow().spec(LambdaKind.Spec.class);
    assertThat(s.memoryMb()).isEqualTo(1024);
    assertThat(s.durationMs()).isInstanceOf(Samples.class);
    assertThat(((Samples) s.durationMs()).size()).isEqualTo(6);
    assertThat(s.durationMs().mean()).isCloseTo((183.47 + 51.90 + 48.12 + 62.00 + 3000.00 + 75.33) / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.coldStartRate()).contains(0.333333);
    assertThat(s.initMs().mean()).isCloseTo((412.08 + 398.51) / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Estimator.bundled().estimate(m).services()).isNotEmpty();
    // the same logs give the same files
    LambdaLogImport.Result again = LambdaLogImport.apply(read(DIR.resolve("report-lines.log")), "checkout", "report-lines.log", "checkout.durations.txt",
        "checkout.init-durations.txt", Optional.of(model), "shop.yaml", tmp);
    assertThat(again.samplesText()).isEqualTo(res.samplesText());
    assertThat(again.modelText()).isEqualTo(res.modelText());
  }

  @Test
  void theFunctionMustBeALambdaOfTheModel() {
    LambdaLogs.Reading r = read(DIR.resolve("report-lines.log"));
    String model = "costflow: 1\nname: x\nservices:\n  q: {type: aws.sqs}\n";
    assertThatThrownBy(() -> LambdaLogImport.apply(r, "nope", "f", "a", "b", Optional.of(model), "m.yaml", tmp))
        .isInstanceOf(ModelException.class).hasMessageContaining("no service 'nope'");
    assertThatThrownBy(() -> LambdaLogImport.apply(r, "q", "f", "a", "b", Optional.of(model), "m.yaml", tmp))
        .isInstanceOf(ModelException.class).hasMessageContaining("not aws.lambda").hasMessageContaining("m.yaml:4:");
  }

  @Test
  void withoutAModelASnippetIsGiven() {
    LambdaLogImport.Result res = LambdaLogImport.apply(read(DIR.resolve("platform-report.jsonl")), "resize", "x", "resize.durations.txt", "resize.init.txt",
        Optional.empty(), "", tmp);
    assertThat(res.snippet()).contains("resize:").contains("memory_mb: 512").contains("duration_ms: {samples: resize.durations.txt}")
        .contains("cold_start_rate: 0.333333");
    assertThat(res.samplesText().lines().filter(l -> !l.startsWith("#")).toList()).containsExactly("221.5", "140.75", "133");
    assertThat(res.modelText()).isEmpty();
    assertThat(new String(res.samplesText().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).startsWith("# Lambda durations");
  }
}
