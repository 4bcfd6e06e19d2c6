package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeDiffTest {
  static YNode y(String text) throws Exception {
    return YTrees.parse(text, "t.yaml");
  }

  @Test
  void editsSetOnlyTheChangedLeaves() throws Exception {
    YNode a = y("a: 1\nb: {c: 2, d: [1, 2]}\n");
    YNode b = y("a: 1\nb: {c: 3, d: [1, 5], e: x}\n");
    List<TreeDiff.Edit> edits = TreeDiff.edits(a, b);
    assertThat(edits).extracting(TreeDiff.Edit::dotted).containsExactly("b.c", "b.d.1", "b.e");
    assertThat(TreeDiff.replacesRoot(a, b)).isFalse();
  }

  @Test
  void aMappingThatLostKeysIsReplacedWhole() throws Exception {
    YNode a = y("t: {monthly: 5, shape: flat}\n");
    YNode b = y("t: {rps: 2, shape: flat}\n");
    assertThat(TreeDiff.edits(a, b)).extracting(TreeDiff.Edit::dotted).containsExactly("t");
    assertThat(TreeDiff.replacesRoot(y("a: 1\nb: 2\n"), y("a: 1\n"))).isTrue();
  }

  @Test
  void changesReadLikeAReview() throws Exception {
    YNode a = y("s: {m: 1024, arch: x86_64, old: 1}\n");
    YNode b = y("s: {m: 2048, arch: x86_64, new: true}\n");
    assertThat(TreeDiff.changes(a, b)).extracting(TreeDiff.Change::describe)
        .containsExactly("s.old: removed (was 1)", "s.m: 1024 → 2048", "s.new: added true");
  }

  @Test
  void numbersCompareByValueButTextAndBooleansDoNot() throws Exception {
    assertThat(TreeDiff.changes(y("a: 1.0\n"), y("a: 1\n"))).isEmpty();
    assertThat(TreeDiff.changes(y("a: 'true'\n"), y("a: true\n"))).hasSize(1);
  }
}
