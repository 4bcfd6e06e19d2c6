package dev.costflow.importers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Call;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceKinds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whether a service is live or kept as a comment is decided by {@link ServiceKinds#byType} at
 * import time: hiding a priced type makes its services pending and reconnects the calls through
 * them, with the call counts of the live model unchanged where the reconnection is sound.
 */
class PendingTypesTest {
  static final Path DIR = Path.of("src/test/resources/arch/cfn-kitchen-sink");

  private static Model emit(Function<String, Optional<ServiceKind>> lookup) {
    Problems p = new Problems();
    ArchGraph g = CloudFormationImporter.importTemplate(Templates.read(DIR.resolve("template.yaml"), "template.yaml"), "template.yaml", DIR,
        new CloudFormationImporter.Options("us-east-1", Optional.empty(), Map.of(), Map.of()), p);
    ModelEmitter.Header h = new ModelEmitter.Header("sam", "template.yaml", "test", "kitchen", "us-east-1", Optional.empty());
    String text = ModelEmitter.emit(g, h, p, DIR, lookup).text();
    return ModelReader.read(text, "out.yaml", DIR, List.of(), Optional.empty());
  }

  private static List<String> callsOf(Model m, String id) {
    return m.service(id).orElseThrow().calls().stream().map(Call::to).toList();
  }

  @Test
  void aTypeWithoutPricerIsCommentedOutAndItsCallsReconnected() {
    Model live = emit(ServiceKinds::byType);
    assertThat(live.service("order-events")).isPresent();
    assertThat(callsOf(live, "create-order")).contains("order-events");

    Model hidden = emit(t -> t.equals("aws.sns") ? Optional.empty() : ServiceKinds.byType(t));
    assertThat(hidden.service("order-events")).isEmpty();
    // create-order -> order-events -> shipping-queue becomes create-order -> shipping-queue
    assertThat(callsOf(hidden, "create-order")).contains("shipping-queue").doesNotContain("order-events");
    Service sq = hidden.service("shipping-queue").orElseThrow();
    assertThat(sq.traffic()).isEmpty();

    // the shipping worker gets the same calls either way
    double liveCalls = Estimator.bundled().estimate(live).services().stream().filter(s -> s.id().equals("shipping-worker")).findFirst().orElseThrow().calls();
    double hiddenCalls = Estimator.bundled().estimate(hidden).services().stream().filter(s -> s.id().equals("shipping-worker")).findFirst().orElseThrow().calls();
    assertThat(hiddenCalls).isEqualTo(liveCalls);
  }

  @Test
  void everyTypeCanBeHiddenAndTheModelStillEstimates() {
    for (String type : Set.of("aws.sqs", "aws.sns", "aws.dynamodb", "aws.apigateway.rest", "aws.apigateway.http",
        "aws.s3", "aws.kinesis", "aws.stepfunctions", "aws.scheduler", "aws.eventbridge", "aws.firehose")) {
      Model m = emit(t -> t.equals(type) ? Optional.empty() : ServiceKinds.byType(t));
      assertThat(m.services()).noneMatch(s -> s.type().equals(type));
      assertThat(Estimator.bundled().estimate(m).services()).isNotEmpty();
    }
  }
}
