package dev.costflow.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YTreesTest {
  private static YNode get(YNode n, String dotted) {
    for (String k : dotted.split("\\.")) {
      n = n instanceof YMap m ? m.get(k).orElseThrow(() -> new AssertionError("no " + k)) : ((YList) n).items().get(Integer.parseInt(k));
    }
    return n;
  }

  private static String text(YNode n, String dotted) {
    return ((YScalar) get(n, dotted)).text();
  }

  @Test
  void tagsAreIgnoredByDefaultAndKeptOnRequest() throws Exception {
    String y = "a: !Ref Foo\nb: !GetAtt [Q, Arn]\nc: plain\n";
    YNode plain = YTrees.parse(y, "t.yaml");
    assertThat(text(plain, "a")).isEqualTo("Foo");
    YNode tagged = YTrees.parse(y, "t.yaml", true);
    assertThat(text(tagged, "a.!Ref")).isEqualTo("Foo");
    assertThat(text(tagged, "b.!GetAtt.1")).isEqualTo("Arn");
    assertThat(get(tagged, "b").pos().line()).isEqualTo(2);
    assertThat(text(tagged, "c")).isEqualTo("plain");
  }

  @Test
  void standardTagsAreNotWrapped() throws Exception {
    YNode n = YTrees.parse("a: !!str 12\n", "t.yaml", true);
    assertThat(get(n, "a")).isInstanceOf(YScalar.class);
  }

  @Test
  void aliasesAndMergeKeysAreResolved() throws Exception {
    String y = "base: &b {memory: 256, arch: arm64}\ncopy: *b\nfn:\n  <<: *b\n  memory: 1024\n";
    YNode n = YTrees.parse(y, "t.yaml");
    assertThat(text(n, "copy.memory")).isEqualTo("256");
    assertThat(text(n, "fn.memory")).isEqualTo("1024");
    assertThat(text(n, "fn.arch")).isEqualTo("arm64");
  }

  @Test
  void unknownAliasIsAnErrorWithItsPosition() {
    assertThatThrownBy(() -> YTrees.parse("a: 1\nb: *nope\n", "t.yaml"))
        .isInstanceOf(YTrees.SyntaxException.class)
        .hasMessageContaining("*nope")
        .satisfies(e -> assertThat(((YTrees.SyntaxException) e).pos().line()).isEqualTo(2));
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    assertThatThrownBy(() -> YTrees.parse(y.toString(), "bomb.yaml")).isInstanceOf(YTrees.SyntaxException.class).hasMessageContaining("aliases");
  }

  @Test
  void jsonKeepsPositionsAndRejectsDuplicates() throws Exception {
    YNode n = YTrees.parseJson("{\n  \"a\": {\"Ref\": \"X\"},\n  \"b\": [1, 2.5, true, null]\n}", "t.json");
    assertThat(text(n, "a.Ref")).isEqualTo("X");
    assertThat(get(n, "b").pos().line()).isEqualTo(3);
    assertThat(((YScalar) get(n, "b.1")).kind()).isEqualTo(YScalar.Kind.FLOAT);
    assertThatThrownBy(() -> YTrees.parseJson("{\"a\": 1,\n \"a\": 2}", "d.json"))
        .isInstanceOf(YTrees.SyntaxException.class)
        .hasMessageContaining("duplicate key 'a'");
    assertThatThrownBy(() -> YTrees.parseJson("{\"a\": 1,\n \"b\": }", "bad.json"))
        .isInstanceOf(YTrees.SyntaxException.class)
        .satisfies(e -> assertThat(((YTrees.SyntaxException) e).pos().line()).isEqualTo(2));
  }
}
