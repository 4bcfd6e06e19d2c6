package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service type ({@code aws.lambda}, {@code aws.sqs} …): its settings, how it passes calls on and
 * how it meters what arrives into billed quantities. Adding a type means one class here, its
 * entry in {@link ServiceKinds}, its price entries in {@code pricing-data} and its golden test.
 */
public sealed interface ServiceKind
    permits LambdaKind, RestApiKind, HttpApiKind, WebSocketApiKind, SqsKind, SnsKind, DynamoDbKind,
        StepFunctionsKind, EventBridgeKind, PipeKind, SchedulerKind, KinesisKind, FirehoseKind, S3Kind, CloudWatchLogsKind, XRayKind,
        DataTransferKind, FargateKind, Ec2Kind, AzureFunctionsKind, CloudFunctionsKind, CloudRunKind {

  /** The {@code type:} of the model file. */
  String type();

  Cloud cloud();

  /** A human name, e.g. "AWS Lambda function". */
  String title();

  /** The kind's own service keys, each with a one-line description (for validation and docs). */
  Map<String, String> keys();

  /** Reads and validates the kind's keys. */
  ServiceSpec readSpec(NodeReader r);

  /** Operations a call into this kind may name ({@code op:}); empty when it takes none. */
  default Set<String> ops() {
    return Set.of();
  }

  /** The operation of a call into this kind that names none. */
  default String defaultOp() {
    return "";
  }

  /** A warning for calls into this kind that name no op (what is assumed instead), if the op matters. */
  default java.util.Optional<String> missingOpWarning() {
    return java.util.Optional.empty();
  }

  /** Whether a call out of this kind carries the incoming message unchanged (queue → consumer). */
  default boolean passesMessagesOn() {
    return false;
  }

  /** Whether calls out of this kind accept {@code batch_size} / {@code batch_window_s}. */
  default boolean batchesInto(Service target) {
    return false;
  }

  /** How a call out of this kind invokes a target that is a function, when the call says nothing. */
  default Invocation invocationInto(Service target) {
    return Invocation.SYNC;
  }

  /** The flow along one call out of a service of this kind. */
  default EdgeFlow outflow(EdgeContext ctx) {
    return ctx.proportional();
  }

  /** A flow arriving at a service of this kind, transformed (e.g. by the retries of failed events). */
  default EdgeFlow arrive(EdgeFlow flow, Service self, Model model) {
    return flow;
  }

  /** Checks that involve other services of the model (run after every service was read). */
  default void validate(Service self, Model model, Problems problems) {}

  /** The billed quantities of one service. */
  List<MeteredLine> meter(MeterContext ctx);
}
