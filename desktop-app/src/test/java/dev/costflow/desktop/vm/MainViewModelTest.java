package dev.costflow.desktop.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.desktop.Fixtures;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.model.ModelReader;
import dev.costflow.reports.Format;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main view model as plain Java: direct executors, a fake prompter, real files and the real engine. */
class MainViewModelTest {
  static Evaluator evaluator;
  @TempDir Path dir;
  FakePrompter p;
  MainViewModel vm;
  Path file;

  @BeforeAll
  static void load() {
    evaluator = Evaluator.bundled();
  }

  @BeforeEach
  void open() throws Exception {
    file = Fixtures.checkout(dir);
    p = new FakePrompter();
    vm = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.in(dir.resolve("home")), Integrations.none());
    vm.openPath(file, p);
    assertThat(p.errors).isEmpty();
  }

  BigDecimal total() {
    return vm.evaluation().get().estimate().totalUsd();
  }

  FieldViewModel field(String id) {
    return vm.inspector().field(id).orElseThrow(() -> new AssertionError("no field " + id + " in " + ids()));
  }

  List<String> ids() {
    List<String> out = new ArrayList<>();
    vm.inspector().groups().forEach(g -> g.fields().forEach(f -> out.add(f.id())));
    return out;
  }

  @Test
  void openingShowsTheTotalAndSelectsTheBiggestCost() {
    assertThat(vm.total().get()).isEqualTo(Format.usd(total()));
    assertThat(vm.totalCaption().get()).isEqualTo("per month (2025-11)");
    assertThat(vm.selection().get()).isEqualTo(new Selection.OfService("orders"));
    assertThat(vm.title().get()).isEqualTo("checkout.yaml — costflow");
    assertThat(vm.recent()).containsExactly(file.toAbsolutePath());
    assertThat(vm.inspector().title().get()).isEqualTo("orders");
    assertThat(ids()).contains("services.orders.storage_gb", "services.orders.gsi_count");
  }

  @Test
  void typingAValueRecomputesWithTheEngine() {
    vm.select(new Selection.OfService("checkout"));
    BigDecimal before = total();
    FieldViewModel memory = field("services.checkout.memory_mb");
    assertThat(memory.text().get()).isEqualTo("1024");
    memory.text().set("2048");
    BigDecimal expected = evaluator.estimator().estimate(ModelReader.read(file, List.of("services.checkout.memory_mb=2048"))).totalUsd();
    assertThat(total()).isEqualByComparingTo(expected).isGreaterThan(before);
    assertThat(vm.total().get()).isEqualTo(Format.usd(expected));
    assertThat(memory.error().get()).isEmpty();
    assertThat(memory.pending().get()).isFalse();
    assertThat(vm.dirty().get()).isTrue();
    assertThat(vm.title().get()).startsWith("• ");
    assertThat(vm.timing().get()).startsWith("recomputed in ");
    assertThat(vm.busy().get()).isFalse();
  }

  @Test
  void anInvalidValueShowsTheReadersMessageAndKeepsTheLastEstimate() {
    vm.select(new Selection.OfService("checkout"));
    BigDecimal before = total();
    FieldViewModel memory = field("services.checkout.memory_mb");
    memory.text().set("99999");
    assertThat(memory.error().get()).startsWith("services.checkout.memory_mb: must be between 128 and 10240 MB, got 99999");
    assertThat(total()).isEqualByComparingTo(before);
    assertThat(vm.dirty().get()).isFalse();
    assertThat(vm.status().get()).startsWith("Not applied: services.checkout.memory_mb");
    // the user's text stays while the model refreshes for other reasons
    vm.select(new Selection.OfService("checkout"));
    assertThat(memory.text().get()).isEqualTo("99999");
    memory.text().set("20 GB");
    assertThat(memory.error().get()).contains("services.checkout.memory_mb").contains("write a plain number");
    memory.text().set("1536");
    assertThat(memory.error().get()).isEmpty();
    assertThat(total()).isNotEqualByComparingTo(before);
  }

  @Test
  void theSliderWritesTheFieldAndOneDragIsOneUndoStep() {
    vm.select(new Selection.OfService("checkout"));
    BigDecimal before = total();
    FieldViewModel memory = field("services.checkout.memory_mb");
    FieldViewModel.SliderSpec spec = memory.slider().orElseThrow();
    for (int mb : new int[] {1280, 1536, 1792, 2048}) {
      memory.sliderValue().set(spec.toSlider(mb));
    }
    memory.endGesture();
    assertThat(memory.text().get()).isEqualTo("2048");
    assertThat(vm.undoText().get()).isEqualTo("Undo Memory (MB) of checkout");
    vm.undo();
    assertThat(total()).isEqualByComparingTo(before);
    assertThat(vm.canUndo().get()).isFalse();
    assertThat(field("services.checkout.memory_mb").text().get()).isEqualTo("1024");
    vm.redo();
    assertThat(field("services.checkout.memory_mb").text().get()).isEqualTo("2048");
  }

  @Test
  void savingKeepsCommentsAndReopensToTheSameEstimate() throws Exception {
    vm.select(new Selection.OfService("checkout"));
    field("services.checkout.architecture").text().set("x86_64");
    BigDecimal edited = total();
    List<Boolean> saved = new ArrayList<>();
    vm.save(p, saved::add);
    assertThat(saved).containsExactly(true);
    assertThat(vm.dirty().get()).isFalse();
    String text = Files.readString(file);
    assertThat(text).contains("architecture: x86_64         # Graviton: cheaper GB-s, its own tiers").contains("# measured latency: median 120 ms");
    MainViewModel again = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.none(), Integrations.none());
    again.openPath(file, p);
    assertThat(again.evaluation().get().estimate().totalUsd()).isEqualByComparingTo(edited);
    assertThat(vm.status().get()).isEqualTo("Saved checkout.yaml");
  }

  @Test
  void unsavedChangesAreAskedAbout() throws Exception {
    vm.select(new Selection.OfService("checkout"));
    field("services.checkout.memory_mb").text().set("512");
    List<String> ran = new ArrayList<>();
    p.answers.add(Prompter.Answer.CANCEL);
    vm.requestClose(p, () -> ran.add("closed"));
    assertThat(ran).isEmpty();
    p.answers.add(Prompter.Answer.DISCARD);
    vm.requestClose(p, () -> ran.add("closed"));
    assertThat(ran).containsExactly("closed");
    assertThat(Files.readString(file)).contains("memory_mb: 1024");
    p.answers.add(Prompter.Answer.SAVE);
    vm.requestClose(p, () -> ran.add("closed again"));
    assertThat(ran).containsExactly("closed", "closed again");
    assertThat(Files.readString(file)).contains("memory_mb: 512");
    assertThat(p.asked).containsExactly("checkout.yaml", "checkout.yaml", "checkout.yaml");
    // nothing to lose: no question
    vm.requestClose(p, () -> ran.add("clean"));
    assertThat(p.asked).hasSize(3);
  }

  @Test
  void openingAnotherModelWithErrorsShowsThemAndKeepsThisOne() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: bad\nservices:\n  fn:\n    type: aws.lambda\n    memory_mb: 64\n");
    vm.openPath(bad, p);
    assertThat(p.errors).hasSize(1);
    assertThat(p.errors.get(0)).contains(bad + ":6:16: error: services.fn.memory_mb: must be between 128 and 10240 MB");
    assertThat(vm.document().get().displayName()).isEqualTo("checkout.yaml");
    vm.openPath(dir.resolve("gone.yaml"), p);
    assertThat(p.errors.get(1)).contains("no such file");
  }

  @Test
  void switchingTheDistributionFormKeepsItsCentre() {
    vm.select(new Selection.OfService("checkout"));
    double meanBefore = vm.evaluation().get().model().service("checkout").orElseThrow().spec(dev.costflow.services.LambdaKind.Spec.class).durationMs().mean();
    field("services.checkout.duration_ms#form").text().set("gamma");
    YNode d = at(vm.evaluation().get().tree(), "services", "checkout", "duration_ms");
    assertThat(((YMap) d).keys()).containsExactly("gamma");
    assertThat(ids()).contains("services.checkout.duration_ms.gamma.mean", "services.checkout.duration_ms.gamma.sd");
    double meanAfter = vm.evaluation().get().model().service("checkout").orElseThrow().spec(dev.costflow.services.LambdaKind.Spec.class).durationMs().mean();
    assertThat(meanAfter).isCloseTo(meanBefore, org.assertj.core.data.Percentage.withPercentage(1));
    field("services.checkout.duration_ms.gamma.sd").text().set("-5");
    assertThat(field("services.checkout.duration_ms.gamma.sd").error().get()).contains("services.checkout.duration_ms.gamma.sd: must be greater than 0");
    field("services.checkout.duration_ms#form").text().set("fixed");
    assertThat(at(vm.evaluation().get().tree(), "services", "checkout", "duration_ms")).isInstanceOf(dev.costflow.yaml.YScalar.class);
  }

  @Test
  void switchingTheTrafficRateKeepsTheCalls() {
    vm.select(new Selection.OfService("web"));
    double calls = vm.evaluation().get().estimate().service("web").orElseThrow().calls();
    field("services.web.traffic#rate").text().set("rps");
    YMap t = (YMap) at(vm.evaluation().get().tree(), "services", "web", "traffic");
    assertThat(t.keys()).contains("rps", "shape", "peak_to_mean").doesNotContain("monthly");
    assertThat(vm.evaluation().get().estimate().service("web").orElseThrow().calls()).isCloseTo(calls, org.assertj.core.data.Percentage.withPercentage(0.001));
    FieldViewModel rps = field("services.web.traffic.rps");
    rps.text().set("0");
    assertThat(vm.evaluation().get().estimate().service("web").orElseThrow().calls()).isZero();
  }

  @Test
  void aCallIsEditedEvenWhenWrittenAsABareName() throws Exception {
    Path m = dir.resolve("bare.yaml");
    Files.writeString(m, "costflow: 1\nname: bare\nservices:\n  api:\n    type: aws.apigateway.http\n    traffic: {monthly: 1000000}\n    calls:\n      - fn\n  fn: {type: aws.lambda}\n");
    vm.openPath(m, p);
    vm.select(new Selection.OfCall("api", 0));
    assertThat(vm.inspector().title().get()).isEqualTo("api → fn");
    field("services.api.calls.0.probability").text().set("0.5");
    assertThat(p.errors).isEmpty();
    assertThat(vm.evaluation().get().estimate().service("fn").orElseThrow().calls()).isEqualTo(500_000, org.assertj.core.data.Offset.offset(1e-6));
    vm.save(p, ok -> {});
    assertThat(Files.readString(m)).contains("probability: 0.5").contains("to: fn");
  }

  @Test
  void batchingFieldsOnlyWhereTheyApply() {
    vm.select(new Selection.OfCall("email-queue", 0));
    assertThat(ids()).contains("services.email-queue.calls.0.batch_size", "services.email-queue.calls.0.batch_window_s");
    vm.select(new Selection.OfCall("checkout", 0));
    assertThat(ids()).doesNotContain("services.checkout.calls.0.batch_size").contains("services.checkout.calls.0.op");
    field("services.checkout.calls.0.op").text().set("write_strong");
    assertThat(field("services.checkout.calls.0.op").error().get()).contains("services.checkout.calls[0].op: unknown op 'write_strong'");
  }

  @Test
  void scenariosCompareServiceByServiceAndLoadBack() {
    BigDecimal base = total();
    vm.scenarios().pinBaseline();
    vm.select(new Selection.OfService("checkout"));
    field("services.checkout.memory_mb").text().set("2048");
    ScenariosViewModel s = vm.scenarios();
    assertThat(s.rows().get(0).id()).isEqualTo("checkout");
    assertThat(s.rows().get(0).status()).isEqualTo("changed");
    assertThat(s.rows().get(0).deltaUsd()).isEqualByComparingTo(total().subtract(base));
    assertThat(s.delta().get()).startsWith("+$").endsWith("vs baseline");
    // the drivers come from the diff engine of costflow diff: the change and what it alone costs
    assertThat(s.driversTitle().get()).isEqualTo("Drivers (vs baseline)");
    String expected = dev.costflow.reports.Format.usdDelta(total().subtract(base));
    assertThat(s.drivers()).singleElement().asString().contains("checkout").contains("1024 → 2048").endsWith(": " + expected);
    assertThat(s.rows().stream().filter(r -> r.id().equals("orders")).findFirst().orElseThrow().status()).isEqualTo("unchanged");
    s.keep("big memory");
    assertThat(s.scenarios()).extracting(ScenariosViewModel.Scenario::name).containsExactly("baseline", "big memory");
    s.load(s.scenarios().get(0));
    assertThat(total()).isEqualByComparingTo(base);
    assertThat(s.delta().get()).isEqualTo("= baseline");
    s.makeBaseline(s.scenarios().get(1));
    assertThat(s.delta().get()).startsWith("-$");
  }

  @Test
  void markdownExportAndMissingIntegrationsAreExplained() throws Exception {
    Path md = dir.resolve("out/estimate");
    p.files.add(md);
    vm.exportMarkdown(p);
    // the same report as costflow estimate --format markdown
    assertThat(Files.readString(dir.resolve("out/estimate.md"))).isEqualTo(dev.costflow.reports.EstimateReports.markdown(vm.evaluation().get().estimate())).startsWith("## checkout: ");
    vm.exportSpreadsheet(p);
    assertThat(p.infos).anyMatch(i -> i.contains(Integrations.NO_SPREADSHEET));
    vm.importArchitecture("sam", p);
    assertThat(p.infos).anyMatch(i -> i.contains(Integrations.NO_SAM));
    assertThat(vm.actuals().message().get()).isEqualTo(Integrations.NO_ACTUALS);
  }

  @Test
  void addingTrafficToAServiceThatHadNone() {
    vm.select(new Selection.OfService("send-email"));
    double before = vm.evaluation().get().estimate().service("send-email").orElseThrow().calls();
    assertThat(vm.inspector().canAddTraffic().get()).isTrue();
    vm.inspector().addTraffic();
    assertThat(vm.evaluation().get().estimate().service("send-email").orElseThrow().calls()).isEqualTo(before + 1_000_000, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(ids()).contains("services.send-email.traffic.monthly");
  }

  @Test
  void aBurstOfEditsIsCoalescedOffTheUiThread() {
    List<Runnable> worker = new ArrayList<>();
    List<Runnable> ui = new ArrayList<>();
    MainViewModel async = new MainViewModel(evaluator, worker::add, ui::add, RecentFiles.none(), Integrations.none());
    async.openPath(file, p);
    drain(worker, ui);
    async.select(new Selection.OfService("checkout"));
    FieldViewModel memory = async.inspector().field("services.checkout.memory_mb").orElseThrow();
    for (String v : new String[] {"2", "20", "204", "2048"}) {
      memory.text().set(v);
    }
    assertThat(async.busy().get()).isTrue();
    assertThat(worker).hasSize(1);
    worker.remove(0).run();
    assertThat(ui).hasSize(1); // the stale values never ran
    ui.remove(0).run();
    assertThat(memory.error().get()).isEmpty();
    assertThat(async.busy().get()).isFalse();
    assertThat(async.evaluation().get().model().service("checkout").orElseThrow().spec(dev.costflow.services.LambdaKind.Spec.class).memoryMb()).isEqualTo(2048);
  }

  @Test
  void actualsCompareServiceTypesWithTheBill() {
    Integrations.ActualsSource store = new Integrations.ActualsSource() {
      @Override
      public String describe() {
        return "test store";
      }

      @Override
      public List<dev.costflow.actuals.DailyCost> dailyCosts() {
        List<dev.costflow.actuals.DailyCost> days = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
          java.time.LocalDate day = java.time.LocalDate.of(2025, 11, d);
          days.add(new dev.costflow.actuals.DailyCost(day, "AWS Lambda", "USE1-Lambda-GB-Second-ARM", "aws.lambda.duration.arm64", 1000, "GB-s", new BigDecimal("3.00"), new BigDecimal("3.00")));
          days.add(new dev.costflow.actuals.DailyCost(day, "AWS Support", "Support", "", 1, "", new BigDecimal("1.00"), new BigDecimal("1.00")));
        }
        return days;
      }
    };
    MainViewModel withStore = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.none(), Integrations.none().withActuals(store));
    withStore.openPath(file, p);
    List<ActualsViewModel.Row> rows = withStore.actuals().rows();
    ActualsViewModel.Row lambda = rows.stream().filter(r -> r.type().equals("aws.lambda")).findFirst().orElseThrow();
    assertThat(lambda.label()).isEqualTo("AWS Lambda");
    assertThat(lambda.services()).isEqualTo("checkout, send-email");
    assertThat(lambda.actual()).isEqualTo("$90.00"); // run-rate of the last 28 days, $3 a day, over the 720 h month
    assertThat(rows).anyMatch(r -> r.label().equals("AWS Support") && r.variancePct().equals("not modeled"));
    assertThat(withStore.actuals().message().get()).contains("2025-11-03 to 2025-11-30").contains("costflow reconcile").doesNotContain("not from the model's month");
  }

  @Test
  void anEmptyStoreSaysHowToFillIt() {
    Integrations.ActualsSource empty = new Integrations.ActualsSource() {
      @Override
      public String describe() {
        return "nowhere";
      }

      @Override
      public List<dev.costflow.actuals.DailyCost> dailyCosts() {
        return List.of();
      }
    };
    MainViewModel vm2 = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.none(), Integrations.none().withActuals(empty));
    vm2.openPath(file, p);
    assertThat(vm2.actuals().rows()).isEmpty();
    assertThat(vm2.actuals().message().get()).contains("No bills in nowhere").contains("costflow import");
  }

  @Test
  void theBuildsImportersAndSpreadsheetExporterAreWiredIn() throws Exception {
    Integrations real = Integrations.detect(dir.resolve("store-home"));
    MainViewModel vm2 = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.none(), real);
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          OrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              MemorySize: 512
              Events:
                Post:
                  Type: HttpApi
                  Properties: {Path: /orders, Method: POST}
          OrdersQueue:
            Type: AWS::SQS::Queue
        """);
    p.files.add(template);
    vm2.importArchitecture("sam", p);
    assertThat(p.errors).isEmpty();
    assertThat(vm2.document().get().file()).isEmpty();
    assertThat(vm2.dirty().get()).isTrue();
    assertThat(vm2.document().get().displayName()).isEqualTo("template.costflow.yaml");
    assertThat(vm2.evaluation().get().model().services()).isNotEmpty();
    // unsaved import: Save asks where
    Path to = dir.resolve("imported");
    p.files.add(to);
    vm2.save(p, ok -> {});
    assertThat(dir.resolve("imported.yaml")).exists();
    assertThat(vm2.dirty().get()).isFalse();

    Path xlsx = dir.resolve("out.xlsx");
    p.files.add(xlsx);
    vm2.exportSpreadsheet(p);
    assertThat(p.errors).isEmpty();
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(xlsx), 2);
    assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PK"); // a zip: the xlsx container
    assertThat(dir.resolve("store-home")).doesNotExist(); // no store was created by looking for one
    assertThat(vm2.actuals().message().get()).contains("No bills in");

    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "service: x\nfunctions: [1, 2\n");
    p.files.add(broken);
    vm2.importArchitecture("serverless", p);
    assertThat(p.errors).hasSize(1);
    assertThat(p.errors.get(0)).startsWith("Cannot import broken.yml").contains("broken.yml:");
  }

  static void drain(List<Runnable> worker, List<Runnable> ui) {
    while (!worker.isEmpty() || !ui.isEmpty()) {
      if (!worker.isEmpty()) {
        worker.remove(0).run();
      }
      if (!ui.isEmpty()) {
        ui.remove(0).run();
      }
    }
  }

  static YNode at(YNode root, String... path) {
    YNode n = root;
    for (String k : path) {
      n = ((YMap) n).get(k).orElseThrow();
    }
    return n;
  }
}
