package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.desktop.Fixtures;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  static Evaluator evaluator;

  @BeforeAll
  static void load() {
    evaluator = Evaluator.bundled();
  }

  @Test
  void anEditIsPricedByTheEngineAndSavedWithItsComments(@TempDir Path dir) throws Exception {
    Path file = Fixtures.checkout(dir);
    Workspace ws = new Workspace(evaluator);
    assertThat(ws.open(file).ok()).isTrue();
    var before = ws.snapshot().orElseThrow().evaluation().estimate().totalUsd();
    // the same number the CLI prints for the same what-if
    var expected = evaluator.estimator().estimate(dev.costflow.model.ModelReader.read(file, List.of("services.checkout.memory_mb=2048"))).totalUsd();
    Workspace.Result r = ws.edit(List.of("services", "checkout", "memory_mb"), YamlWriter.num(2048), "memory", "m");
    assertThat(r.ok()).isTrue();
    var after = r.snapshot().orElseThrow().evaluation().estimate().totalUsd();
    assertThat(after).isEqualByComparingTo(expected).isGreaterThan(before);
    assertThat(r.snapshot().get().document().dirty()).isTrue();

    assertThat(ws.save(Optional.empty())).isTrue();
    String saved = Files.readString(file);
    assertThat(saved).contains("memory_mb: 2048").contains("# Graviton: cheaper GB-s, its own tiers").contains("# An online shop's checkout path");
    // what was saved reads back to the same estimate
    assertThat(evaluator.estimator().estimate(dev.costflow.model.ModelReader.read(file)).totalUsd()).isEqualByComparingTo(after);
    assertThat(ws.snapshot().get().document().dirty()).isFalse();
  }

  @Test
  void aRejectedEditChangesNothingAndCarriesTheReadersMessage(@TempDir Path dir) throws Exception {
    Workspace ws = new Workspace(evaluator);
    ws.open(Fixtures.checkout(dir));
    var before = ws.snapshot().orElseThrow();
    Workspace.Result r = ws.edit(List.of("services", "checkout", "memory_mb"), YamlWriter.num(99999), "memory", "m");
    assertThat(r.ok()).isFalse();
    assertThat(r.errors().get(0).message()).startsWith("services.checkout.memory_mb: must be between 128 and 10240");
    assertThat(ws.snapshot().orElseThrow().document()).isSameAs(before.document());
    Workspace.Result typo = ws.edit(List.of("services", "checkout", "architecture"), YamlWriter.str("arm"), "arch", "a");
    assertThat(typo.errors().get(0).message()).contains("services.checkout.architecture").contains("arm64");
  }

  @Test
  void undoAndRedoAreReevaluated(@TempDir Path dir) throws Exception {
    Workspace ws = new Workspace(evaluator);
    ws.open(Fixtures.checkout(dir));
    var base = ws.snapshot().get().evaluation().estimate().totalUsd();
    ws.edit(List.of("services", "web", "traffic", "monthly"), YamlWriter.num(60_000_000), "traffic", "t");
    var doubled = ws.snapshot().get().evaluation().estimate().totalUsd();
    assertThat(doubled).isGreaterThan(base);
    assertThat(ws.undo().snapshot().get().evaluation().estimate().totalUsd()).isEqualByComparingTo(base);
    assertThat(ws.redo().snapshot().get().evaluation().estimate().totalUsd()).isEqualByComparingTo(doubled);
  }

  @Test
  void openingABrokenModelKeepsTheOpenOne(@TempDir Path dir) throws Exception {
    Workspace ws = new Workspace(evaluator);
    ws.open(Fixtures.checkout(dir));
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: x\nservices:\n  fn: {type: aws.lambda, memory_mb: 64}\n");
    Workspace.Result r = ws.open(bad);
    assertThat(r.ok()).isFalse();
    assertThat(r.errors().get(0).toString()).startsWith(bad + ":4:").contains("services.fn.memory_mb");
    assertThat(ws.snapshot().get().document().displayName()).isEqualTo("checkout.yaml");
    Path syntax = dir.resolve("syntax.yaml");
    Files.writeString(syntax, "costflow: 1\nname: [x\n");
    assertThat(ws.open(syntax).errors().get(0).message()).startsWith("YAML syntax");
    assertThat(ws.open(dir.resolve("missing.yaml")).errors().get(0).message()).isEqualTo("no such file");
  }

  @Test
  void saveAsMovesTheDocumentAndAnImportIsDirtyUntilSaved(@TempDir Path dir) throws Exception {
    Workspace ws = new Workspace(evaluator);
    String text = Files.readString(Fixtures.checkout(dir));
    assertThat(ws.openText(Optional.empty(), "imported.costflow.yaml", text).ok()).isTrue();
    assertThat(ws.snapshot().get().document().dirty()).isTrue();
    Path to = dir.resolve("sub/imported.yaml");
    ws.save(Optional.of(to));
    assertThat(ws.snapshot().get().document().file()).contains(to);
    assertThat(ws.snapshot().get().document().dirty()).isFalse();
    assertThat(YTrees.sameValue(YTrees.parse(Files.readString(to), "x"), YTrees.parse(text, "y"))).isTrue();
  }
}
