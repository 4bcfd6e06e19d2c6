package dev.costflow.services;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every service type this build knows. */
public final class ServiceKinds {
  private static final Map<String, ServiceKind> BY_TYPE = new LinkedHashMap<>();

  static {
    register(new LambdaKind());
    register(new RestApiKind());
    register(new HttpApiKind());
    register(new WebSocketApiKind());
    register(new SqsKind());
    register(new SnsKind());
    register(new DynamoDbKind());
    register(new StepFunctionsKind());
    register(new EventBridgeKind());
    register(new PipeKind());
    register(new SchedulerKind());
    register(new KinesisKind());
    register(new FirehoseKind());
    register(new S3Kind());
    register(new CloudWatchLogsKind());
    register(new XRayKind());
    register(new DataTransferKind());
    register(new FargateKind());
    register(new Ec2Kind());
    register(new AzureFunctionsKind());
    register(new CloudFunctionsKind());
    register(new CloudRunKind());
  }

  private ServiceKinds() {}

  private static void register(ServiceKind k) {
    if (BY_TYPE.put(k.type(), k) != null) {
      throw new IllegalStateException("two kinds for " + k.type());
    }
  }

  public static Optional<ServiceKind> byType(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  public static Collection<ServiceKind> all() {
    return BY_TYPE.values();
  }

  public static Collection<String> types() {
    return BY_TYPE.keySet();
  }
}
