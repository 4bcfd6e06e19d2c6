package dev.costflow.importers.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken and hostile input: exit 2 material (a ModelException naming file and line), never a crash or a bad model. */
class BrokenTemplatesTest {
  @TempDir Path dir;

  private ArchitectureImport.Result sam(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return ArchitectureImport.sam(f, name, new ArchitectureImport.SamOptions("us-east-1", Optional.empty(), Map.of(), Optional.empty()));
  }

  private ArchitectureImport.Result sls(String text) throws IOException {
    Path f = dir.resolve("serverless.yml");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return ArchitectureImport.serverless(f, "serverless.yml", new ArchitectureImport.ServerlessOptions(Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
  }

  private static Diagnostic first(Throwable e) {
    return ((ModelException) e).diagnostics().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      yaml syntax              | t.yaml | 'Resources:\\n  Fn:\\n    Type: [unclosed\\n'                                        | 3 | YAML syntax
      unknown tag              | t.yaml | 'Resources:\\n  Fn:\\n    Type: AWS::SQS::Queue\\n    Properties: {QueueName: !Bogus x}\\n' | 4 | unknown tag !Bogus
      no resources             | t.yaml | 'AWSTemplateFormatVersion: 2010-09-09\\n'                                      | 1 | Resources
      resource without type    | t.yaml | 'Resources:\\n  Fn:\\n    Properties: {}\\n'                                    | 3 | needs a Type
      properties not a mapping | t.yaml | 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n    Properties: [1, 2]\\n'     | 4 | must be a mapping
      bad logical id           | t.yaml | 'Resources:\\n  my-queue:\\n    Type: AWS::SQS::Queue\\n'                      | 2 | alphanumeric
      duplicate key            | t.yaml | 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n  Q:\\n    Type: AWS::SNS::Topic\\n' | 4 | duplicate key
      bad Fn::If               | t.yaml | 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n      FifoQueue: !If [x]\\n' | 5 | Fn::If takes
      unknown condition        | t.yaml | 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n    Condition: Nope\\n'        | 4 | no condition 'Nope'
      json trailing comma      | t.json | '{\\n  "Resources": {\\n    "Q": {"Type": "AWS::SQS::Queue",}\\n  }\\n}'          | 3 | JSON syntax
      not a mapping            | t.yaml | '- a\\n- b\\n'                                                               | 1 | a mapping
      alias to nothing         | t.yaml | 'Resources:\\n  Q: *missing\\n'                                               | 2 | unknown alias
      only IAM                 | t.yaml | 'Resources:\\n  R:\\n    Type: AWS::IAM::Role\\n'                             | 1 | no resource costflow can model
      """)
  void brokenTemplatesNameTheFileAndLine(String what, String file, String text, int line, String message) {
    String t = text.replace("\\n", "\n");
    assertThatThrownBy(() -> sam(file, t))
        .isInstanceOf(ModelException.class)
        .satisfies(e -> {
          Diagnostic d = first(e);
          assertThat(d.pos().file()).isEqualTo(file);
          assertThat(d.pos().line()).as(d.toString()).isEqualTo(line);
          assertThat(d.message()).as(d.toString()).contains(message);
        });
  }

  @Test
  void notUtf8AndMissingFilesAreInputErrors() throws IOException {
    Path bin = dir.resolve("bin.yaml");
    Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThatThrownBy(() -> ArchitectureImport.sam(bin, "bin.yaml", new ArchitectureImport.SamOptions("us-east-1", Optional.empty(), Map.of(), Optional.empty())))
        .isInstanceOf(ModelException.class).hasMessageContaining("bin.yaml:1:1").hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> ArchitectureImport.sam(dir.resolve("none.yaml"), "none.yaml",
        new ArchitectureImport.SamOptions("us-east-1", Optional.empty(), Map.of(), Optional.empty())))
        .isInstanceOf(ModelException.class).hasMessageContaining("no such file");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    y.append("Resources: {Q: {Type: AWS::SQS::Queue}}\n");
    assertThatThrownBy(() -> sam("bomb.yaml", y.toString())).isInstanceOf(ModelException.class).hasMessageContaining("aliases");
  }

  @Test
  void includesOutsideTheTemplateFolderAreNotRead() throws IOException {
    Path secret = dir.getParent().resolve("secret-" + dir.getFileName() + ".yaml");
    Files.writeString(secret, "paths: {}\n");
    try {
      ArchitectureImport.Result r = sam("t.yaml", """
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Api:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                DefinitionBody:
                  Fn::Transform:
                    Name: AWS::Include
                    Parameters: {Location: ../%s}
          """.formatted(secret.getFileName()));
      assertThat(r.warnings()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("outside the template's folder"));
    } finally {
      Files.deleteIfExists(secret);
    }
  }

  @Test
  void hostileNamesAreWrittenAsData() throws IOException {
    ArchitectureImport.Result r = sam("t.yaml", """
        Description: "=HYPERLINK(\\"http://evil\\")\\n  evil: true"
        Resources:
          Q:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: "<script>alert(1)</script>"
              Tags:
                - {Key: "a: b\\n# injected", Value: "](javascript:alert(1)) | x"}
                - {Key: "cost-center", Value: "=cmd|' /C calc'!A0"}
        """);
    Model m = ModelReader.read(r.modelText(), "out.yaml", dir, List.of(), Optional.empty());
    assertThat(m.services()).hasSize(1);
    var q = m.services().get(0);
    assertThat(q.tags()).containsEntry("costflow:resource-name", "<script>alert(1)</script>")
        .containsEntry("a: b\n# injected", "](javascript:alert(1)) | x")
        .containsEntry("cost-center", "=cmd|' /C calc'!A0");
    assertThat(r.modelText()).doesNotContain("\nevil: true").doesNotContain("\n# injected");
  }

  @Test
  void textFromTheTemplateCannotBreakOutOfAComment() throws IOException {
    ArchitectureImport.Result r = sam("t.yaml", """
        Resources:
          Odd:
            Type: "Custom::Thing\\nservices: {}\\n"
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                "Evil\\nname: hacked":
                  Type: Api
                  Properties: {Path: "/x\\n  evil: 1", Method: get}
        """);
    assertThat(r.modelText().lines()).noneMatch(l -> l.startsWith("services: {}") || l.startsWith("name: hacked") || l.strip().startsWith("evil: 1"));
    Model m = ModelReader.read(r.modelText(), "out.yaml", dir, List.of(), Optional.empty());
    assertThat(m.services()).extracting(s -> s.id()).containsExactly("fn", "serverless-rest-api");
  }

  @Test
  void serverlessErrorsNameTheLine() {
    assertThatThrownBy(() -> sls("service: x\nprovider:\n  name: google\nfunctions: {}\n"))
        .isInstanceOf(ModelException.class).satisfies(e -> {
          assertThat(first(e).pos().line()).isEqualTo(3);
          assertThat(first(e).message()).contains("only the aws provider");
        });
    assertThatThrownBy(() -> sls("provider: {name: aws}\nfunctions: {}\n"))
        .isInstanceOf(ModelException.class).hasMessageContaining("service:");
    assertThatThrownBy(() -> sls("service: x\nprovider: {name: aws}\nfunctions:\n  a: 12\n"))
        .isInstanceOf(ModelException.class).satisfies(e -> assertThat(first(e).pos().line()).isEqualTo(4));
    assertThatThrownBy(() -> sls("service: x\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nprovider: {name: aws}\nfunctions:\n  f:\n    handler: h\n    memorySize: ${self:custom.a}\n"))
        .isInstanceOf(ModelException.class).hasMessageContaining("refers to itself");
    assertThatThrownBy(() -> sls("service: x\nprovider: {name: aws}\nfunctions:\n  f:\n    handler: h\n    events:\n      - [http]\n"))
        .isInstanceOf(ModelException.class).satisfies(e -> assertThat(first(e).pos().line()).isEqualTo(7));
  }
}
