package dev.costflow.importers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Problems;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerlessVariablesTest {
  @TempDir Path dir;

  private YMap resolve(String yaml, Map<String, String> options, Problems p) {
    YNode root = Templates.parse(yaml, "serverless.yml", false);
    return (YMap) new ServerlessVariables(root, options, dir, "serverless.yml", p).resolveAll();
  }

  private static String at(YNode n, String dotted) {
    for (String k : dotted.split("\\.")) {
      n = Nodes.get(n, k).orElseThrow(() -> new AssertionError("no " + dotted));
    }
    return ((YScalar) n).text();
  }

  @Test
  void selfOptFallbacksAndNesting() {
    Problems p = new Problems();
    YMap r = resolve("""
        service: shop
        custom:
          stage: ${opt:stage, self:provider.stage}
          table: ${self:service}-${self:custom.stage}-orders
          quoted: ${opt:missing, 'fallback value'}
          number: ${opt:missing, 42}
          nested: ${opt:missing, ${self:custom.stage}}
          map: ${self:provider.environment}
          list: ${self:provider.list.1}
          region: ${aws:region}-${aws:accountId}
          env: ${env:HOME, 'no-env'}
          ssm: ${ssm:/x/y}
        provider:
          stage: beta
          environment: {A: a}
          list: [x, y]
        """, Map.of("region", "eu-west-1"), p);
    assertThat(at(r, "custom.stage")).isEqualTo("beta");
    assertThat(at(r, "custom.table")).isEqualTo("shop-beta-orders");
    assertThat(at(r, "custom.quoted")).isEqualTo("fallback value");
    assertThat(at(r, "custom.number")).isEqualTo("42");
    assertThat(at(r, "custom.nested")).isEqualTo("beta");
    assertThat(at(r, "custom.map.A")).isEqualTo("a");
    assertThat(at(r, "custom.list")).isEqualTo("y");
    assertThat(at(r, "custom.region")).isEqualTo("eu-west-1-123456789012");
    assertThat(at(r, "custom.env")).isEqualTo("no-env"); // never the machine's environment
    assertThat(at(r, "custom.ssm")).isEqualTo("${ssm:/x/y}");
    assertThat(p.warnings()).hasSize(1);
    assertThat(p.warnings().get(0).message()).contains("ssm:/x/y");
  }

  @Test
  void commandLineStageWins() {
    YMap r = resolve("service: s\ncustom:\n  stage: ${opt:stage, self:provider.stage}\nprovider: {stage: beta}\n", Map.of("stage", "prod"), new Problems());
    assertThat(at(r, "custom.stage")).isEqualTo("prod");
  }

  @Test
  void filesNextToTheServiceAreRead() throws IOException {
    Files.writeString(dir.resolve("config.yml"), "memory: 768\nnested:\n  deep: ${opt:stage}\n");
    YMap r = resolve("custom:\n  memory: ${file(./config.yml):memory}\n  deep: ${file(./config.yml):nested.deep}\n  missing: ${file(../x.yml):a, 'none'}\n",
        Map.of("stage", "dev"), new Problems());
    assertThat(at(r, "custom.memory")).isEqualTo("768");
    assertThat(at(r, "custom.deep")).isEqualTo("dev");
    assertThat(at(r, "custom.missing")).isEqualTo("none");
  }

  @Test
  void selfReferenceIsAnError() {
    Problems p = new Problems();
    resolve("a: ${self:b}\nb: ${self:a}\n", Map.of(), p);
    assertThat(p.errors()).anySatisfy(d -> assertThat(d.message()).contains("refers to itself"));
  }

  @Test
  void splitsAtTopLevelCommasOnly() {
    assertThat(ServerlessVariables.splitTopLevel("opt:a, 'x, y', ${self:b, c}")).containsExactly("opt:a", " 'x, y'", " ${self:b, c}");
  }
}
