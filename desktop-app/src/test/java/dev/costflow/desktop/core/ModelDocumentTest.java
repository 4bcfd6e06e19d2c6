package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelDocumentTest {
  static final String TEXT = """
      # my model
      costflow: 1
      name: m
      services:
        fn:
          type: aws.lambda
          memory_mb: 512          # sized for p99
          duration_ms: { lognormal: { p50: 50, p99: 400 } }
      """;

  static ModelDocument doc() throws Exception {
    return ModelDocument.of(Optional.of(Path.of("m.yaml")), "m.yaml", TEXT, YTrees.parse(TEXT, "m.yaml"));
  }

  static YNode set(YNode t, String dotted, YNode v) throws Exception {
    return YTrees.set(t, List.of(dotted.split("\\.")), v, v.pos());
  }

  @Test
  void savingPatchesTheTextAndKeepsComments() throws Exception {
    ModelDocument d = doc();
    d = d.withTree(set(d.tree(), "services.fn.memory_mb", YamlWriter.num(2048)), "memory", "");
    d = d.withTree(set(d.tree(), "services.fn.duration_ms.lognormal.p50", YamlWriter.num(60)), "p50", "");
    ModelDocument.SavedText s = d.textToSave();
    assertThat(s.layoutKept()).isTrue();
    assertThat(s.text()).contains("# my model").contains("memory_mb: 2048          # sized for p99").contains("{ lognormal: { p50: 60, p99: 400 } }");
    assertThat(YTrees.sameValue(YTrees.parse(s.text(), "x"), d.tree())).isTrue();
  }

  @Test
  void aKeyAddedLandsInItsMapping() throws Exception {
    ModelDocument d = doc();
    d = d.withTree(set(d.tree(), "services.fn.architecture", YamlWriter.str("arm64")), "arch", "");
    String text = d.textToSave().text();
    assertThat(text).contains("architecture: arm64").contains("# sized for p99");
    assertThat(YTrees.sameValue(YTrees.parse(text, "x"), d.tree())).isTrue();
  }

  @Test
  void dirtyFollowsTheSavedTreeAndUndo() throws Exception {
    ModelDocument d = doc();
    assertThat(d.dirty()).isFalse();
    ModelDocument e = d.withTree(set(d.tree(), "services.fn.memory_mb", YamlWriter.num(1024)), "memory", "");
    assertThat(e.dirty()).isTrue();
    assertThat(e.undo().dirty()).isFalse();
    assertThat(e.undo().redo().dirty()).isTrue();
    ModelDocument saved = e.saved(Path.of("m.yaml"), e.textToSave().text());
    assertThat(saved.dirty()).isFalse();
    assertThat(saved.undo().dirty()).isTrue();
  }

  @Test
  void editsOfOneGestureAreOneUndoStep() throws Exception {
    ModelDocument d = doc();
    for (int m : new int[] {600, 700, 800}) {
      d = d.withTree(set(d.tree(), "services.fn.memory_mb", YamlWriter.num(m)), "memory", "memory#0");
    }
    assertThat(d.canUndo()).isTrue();
    ModelDocument back = d.undo();
    assertThat(back.canUndo()).isFalse();
    assertThat(YTrees.sameValue(back.tree(), doc().tree())).isTrue();
    // a later gesture is its own step
    d = d.withTree(set(d.tree(), "services.fn.memory_mb", YamlWriter.num(900)), "memory", "memory#1");
    assertThat(d.undo().undo().canUndo()).isFalse();
  }

  @Test
  void aRootKeyRemovedRewritesTheFileCleanly() throws Exception {
    ModelDocument d = doc();
    YNode t = ((dev.costflow.yaml.YMap) d.tree()).without("name");
    d = d.withTree(t, "drop name", "");
    ModelDocument.SavedText s = d.textToSave();
    assertThat(s.layoutKept()).isFalse();
    assertThat(YTrees.sameValue(YTrees.parse(s.text(), "x"), t)).isTrue();
  }

  @Test
  void anUnsavedImportIsDirty() throws Exception {
    ModelDocument d = ModelDocument.of(Optional.empty(), "x.costflow.yaml", TEXT, YTrees.parse(TEXT, "x"));
    assertThat(d.dirty()).isTrue();
    assertThat(d.sourceName()).isEqualTo("x.costflow.yaml");
  }
}
