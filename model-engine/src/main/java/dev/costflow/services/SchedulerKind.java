package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import java.util.List;
import java.util.Map;

/**
 * Amazon EventBridge Scheduler. Its {@code traffic} is its schedules' firings (a
 * {@code schedule:} expression, or a count such as {@code monthly: 20000000} for many
 * schedules); each firing is one billed invocation and calls the schedule's target (its call,
 * asynchronously for a Lambda function). The first 14 million invocations a month are free.
 * Rules and sources: docs/billing-rules.md#amazon-eventbridge-scheduler.
 */
public final class SchedulerKind implements ServiceKind {
  @Override
  public String type() {
    return "aws.scheduler";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon EventBridge Scheduler";
  }

  @Override
  public Map<String, String> keys() {
    return Map.of();
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new ServiceSpec.None();
  }

  @Override
  public boolean passesMessagesOn() {
    return true;
  }

  @Override
  public Invocation invocationInto(Service target) {
    return Invocation.ASYNC;
  }

  @Override
  public void validate(Service self, Model model, Problems problems) {
    if (self.traffic().isEmpty() && model.services().stream().noneMatch(s -> s.calls().stream().anyMatch(c -> c.to().equals(self.id())))) {
      problems.warning(self.pos(), "services." + self.id() + ": a scheduler fires on its traffic (e.g. traffic: {schedule: \"rate(5 minutes)\"}); it has none");
    }
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Accumulator invocations = new Accumulator(ctx.hours()).add(ctx.load().calls(), 1);
    return List.of(invocations.line("invocations", "aws.scheduler.invocations", "1 per schedule firing"));
  }
}
