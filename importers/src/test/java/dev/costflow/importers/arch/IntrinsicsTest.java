package dev.costflow.importers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Problems;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
  static final String TEMPLATE = """
      Parameters:
        Stage: {Type: String, Default: prod}
        Size: {Type: Number, Default: 512}
        Subnets: {Type: CommaDelimitedList, Default: "a, b,c"}
      Mappings:
        Sizes:
          prod: {memory: 2048}
          dev: {memory: 128}
      Conditions:
        IsProd: !Equals [!Ref Stage, prod]
        IsDev: !Not [!Condition IsProd]
        Both: !And [!Condition IsProd, !Equals [!Ref Size, 512]]
        Unknown: !Equals [!GetAtt Queue.Arn, x]
      Values:
        sub: !Sub "${AWS::StackName}-${Stage}-${Queue.Arn}-${!Literal}"
        subVars: !Sub ["${A}/${B}", {A: !Ref Stage, B: !GetAtt Fn.Arn}]
        join: !Join ["-", [!Ref Stage, !Ref "AWS::Region", !Ref Queue]]
        ifTrue: !If [IsProd, big, small]
        ifFalse: !If [IsDev, big, small]
        noValue: !If [IsDev, x, !Ref AWS::NoValue]
        both: !If [Both, yes, no]
        unknown: !If [Unknown, yes, no]
        find: !FindInMap [Sizes, !Ref Stage, memory]
        findDefault: !FindInMap [Sizes, test, memory, {DefaultValue: 256}]
        select: !Select [1, !Ref Subnets]
        split: !Select [2, !Split ["/", "a/b/c"]]
        selectRef: !Select [3, !Split ["/", !GetAtt Table.StreamArn]]
        azs: !GetAZs ""
        length: !Length [1, 2, 3]
        list: [a, !Ref AWS::NoValue, b]
        ref: !Ref Queue
        getatt: !GetAtt Table.StreamArn
        import: !ImportValue shared-bus
      """;

  private static YMap values(Map<String, String> overrides) {
    Problems p = new Problems();
    YMap tpl = (YMap) Templates.parse(TEMPLATE, "t.yaml", false);
    Map<String, YNode> params = new LinkedHashMap<>();
    params.put("Stage", overrides.containsKey("Stage") ? Nodes.str(overrides.get("Stage"), tpl.pos()) : Nodes.get(Nodes.get(tpl, "Parameters").get(), "Stage").flatMap(s -> Nodes.get(s, "Default")).get());
    params.put("Size", new YScalar("512", YScalar.Kind.INT, tpl.pos()));
    params.put("Subnets", Templates.parse("[a, b, c]", "x", false));
    Intrinsics ix = new Intrinsics(params, Set.of(), Nodes.map(tpl, "Mappings").get(), Nodes.map(tpl, "Conditions").get(),
        Set.of("Queue", "Fn", "Table"), Map.of("AWS::StackName", "shop", "AWS::Region", "eu-west-1"), p);
    YMap v = (YMap) ix.resolveValue(Nodes.get(tpl, "Values").get());
    assertThat(p.errors()).isEmpty();
    return v;
  }

  private static String text(YMap v, String key) {
    return ((YScalar) v.get(key).orElseThrow()).text();
  }

  @Test
  void resolvesWhatATemplateKnows() {
    YMap v = values(Map.of());
    assertThat(text(v, "sub")).isEqualTo("shop-prod-${Queue.Arn}-${!Literal}");
    assertThat(text(v, "subVars")).isEqualTo("prod/${Fn.Arn}");
    assertThat(text(v, "join")).isEqualTo("prod-eu-west-1-${Queue}");
    assertThat(text(v, "ifTrue")).isEqualTo("big");
    assertThat(text(v, "ifFalse")).isEqualTo("small");
    assertThat(v.get("noValue")).isEmpty();
    assertThat(text(v, "both")).isEqualTo("yes");
    assertThat(text(v, "unknown")).isEqualTo("yes"); // unknowable conditions count as true (with a warning)
    assertThat(text(v, "find")).isEqualTo("2048");
    assertThat(text(v, "findDefault")).isEqualTo("256");
    assertThat(text(v, "select")).isEqualTo("b");
    assertThat(text(v, "split")).isEqualTo("c");
    assertThat(((YList) v.get("azs").get()).items()).hasSize(3);
    assertThat(text(v, "length")).isEqualTo("3");
    assertThat(((YList) v.get("list").get()).items()).hasSize(2);
  }

  @Test
  void parametersGivenOverrideDefaults() {
    YMap v = values(Map.of("Stage", "dev"));
    assertThat(text(v, "ifTrue")).isEqualTo("small");
    assertThat(text(v, "find")).isEqualTo("128");
  }

  @Test
  void referencesToResourcesStayVisible() {
    Problems p = new Problems();
    Intrinsics ix = new Intrinsics(Map.of(), Set.of(), Nodes.emptyMap(dev.costflow.yaml.Position.of("x")), Nodes.emptyMap(dev.costflow.yaml.Position.of("x")),
        Set.of("Queue", "Fn", "Table"), Map.of(), p);
    YMap v = values(Map.of());
    assertThat(ix.directReference(v.get("ref").get())).contains("Queue");
    assertThat(ix.directReference(v.get("getatt").get())).contains("Table");
    assertThat(ix.mentions(v.get("selectRef").get())).containsExactly("Table");
    assertThat(ix.mentions(v.get("sub").get())).containsExactly("Queue");
    assertThat(ix.mentions(v.get("import").get())).isEmpty();
    assertThat(ix.mentions(Nodes.str("${!Queue}", dev.costflow.yaml.Position.of("x")))).isEmpty();
  }

  @Test
  void conditionCyclesAndBadArgumentsAreErrors() {
    Problems p = new Problems();
    YMap conditions = (YMap) Templates.parse("A: !Condition B\nB: !Condition A\n", "c.yaml", false);
    Intrinsics ix = new Intrinsics(Map.of(), Set.of(), Nodes.emptyMap(conditions.pos()), conditions, Set.of(), Map.of(), p);
    ix.condition("A", conditions.pos());
    ix.resolve(Templates.parse("x: !Select [1]\ny: !If [A, 1]\n", "c.yaml", false));
    assertThat(p.errors()).extracting(d -> d.message())
        .anySatisfy(m -> assertThat(m).contains("refers to itself"))
        .anySatisfy(m -> assertThat(m).contains("Fn::Select takes"))
        .anySatisfy(m -> assertThat(m).contains("Fn::If takes"));
    assertThat(p.errors()).allSatisfy(d -> assertThat(d.pos().file()).isEqualTo("c.yaml"));
  }
}
