package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon EventBridge event bus. Each call into the bus is one event put on it, billed per 64 KB
 * chunk (custom and partner events; events from AWS services are free). Every call out of the
 * bus is a rule's target, its {@code probability} the share of events the rule's pattern matches;
 * deliveries to targets in the same account cost nothing on the bus (the target bills its own
 * calls), deliveries to another account are billed per 64 KB chunk. Also API destinations,
 * archive (processing and storage), replay and schema discovery (8 KB chunks).
 * Rules and sources: docs/billing-rules.md#amazon-eventbridge.
 */
public final class EventBridgeKind implements ServiceKind {
  public static final double CHUNK_KB = 64;
  public static final double SCHEMA_CHUNK_KB = 8;
  /** KB per GB for archived bytes (the pricing page's archive example divides by 1024 × 1024). */
  public static final double KB_PER_GB = 1024.0 * 1024.0;

  public enum Source {
    CUSTOM("custom"),
    PARTNER("partner"),
    AWS("aws");

    private final String id;

    Source(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public record Archive(double retentionMonths) {}

  public record Spec(Source source, List<String> crossAccountTargets, double externalCrossAccountTargets, double apiDestinations, Optional<Archive> archive,
      double replayFraction, boolean schemaDiscovery, List<Position> crossAccountPositions) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.eventbridge";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon EventBridge event bus";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("source", "who puts the events: custom (default, PutEvents), partner (SaaS) or aws (AWS service events, free)");
    k.put("cross_account_targets", "ids of called services that live in another account (each delivery billed)");
    k.put("external_cross_account_targets", "rule targets in other accounts outside the model, per event (default 0)");
    k.put("api_destinations", "API destination (HTTPS endpoint) targets per event (default 0)");
    k.put("archive", "{retention_months: M}: archive every event, kept M months (default: no archive)");
    k.put("replay_fraction", "share of the period's events replayed from the archive (default 0)");
    k.put("schema_discovery", "true when schema discovery is on for the bus (default false)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Source source = r.choice("source", Source.CUSTOM, Map.of("custom", Source.CUSTOM, "partner", Source.PARTNER, "aws", Source.AWS));
    List<String> cross = new ArrayList<>();
    List<Position> crossPos = new ArrayList<>();
    for (YScalar s : r.stringList("cross_account_targets")) {
      cross.add(s.text());
      crossPos.add(s.pos());
    }
    double external = r.number("external_cross_account_targets", 0, 0, 1e6, "targets");
    double api = r.number("api_destinations", 0, 0, 1e6, "targets");
    Optional<Archive> archive = Optional.empty();
    Optional<NodeReader> a = r.child("archive");
    if (a.isPresent()) {
      double months = a.get().number("retention_months", 1, 0, 1200, "months");
      a.get().rejectUnknown(List.of("retention_months"));
      archive = Optional.of(new Archive(months));
    }
    double replay = r.number("replay_fraction", 0, 0, 100, "");
    if (replay > 0 && archive.isEmpty()) {
      r.error("replay_fraction", "replays come from an archive; add archive: {retention_months: M}");
    }
    boolean schema = r.bool("schema_discovery", false);
    return new Spec(source, cross, external, api, archive, replay, schema, crossPos);
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
    Spec s = self.spec(Spec.class);
    for (int i = 0; i < s.crossAccountTargets().size(); i++) {
      String id = s.crossAccountTargets().get(i);
      if (self.calls().stream().noneMatch(c -> c.to().equals(id))) {
        problems.error(s.crossAccountPositions().get(i), "services." + self.id() + ".cross_account_targets: '" + id + "' is not a target of this bus (add a call to it)");
      }
    }
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    Quantities q = ctx.quantities();
    long n = Distribution.NO_CAP;
    List<MeteredLine> lines = new ArrayList<>();
    Accumulator events = new Accumulator(hours);
    Accumulator schema = new Accumulator(hours);
    Accumulator archivedGb = new Accumulator(hours);
    Accumulator api = new Accumulator(hours);
    Accumulator external = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      events.addUnits(q, f.items(), f.kb(), CHUNK_KB, 1, n, 1);
      if (s.schemaDiscovery()) {
        schema.addUnits(q, f.items(), f.kb(), SCHEMA_CHUNK_KB, 1, n, 1);
      }
      if (s.archive().isPresent()) {
        archivedGb.addSum(q, f.items(), f.kb(), 1 / KB_PER_GB);
      }
      if (s.apiDestinations() > 0) {
        api.addUnits(q, f.items(), f.kb(), CHUNK_KB, 1, n, s.apiDestinations());
      }
      if (s.externalCrossAccountTargets() > 0) {
        external.addUnits(q, f.items(), f.kb(), CHUNK_KB, 1, n, s.externalCrossAccountTargets());
      }
    }
    String payload = ctx.load().payload().describe();
    String eventsMeter = switch (s.source()) {
      case CUSTOM -> "aws.eventbridge.events";
      case PARTNER -> "aws.eventbridge.events.partner";
      case AWS -> "aws.eventbridge.events.aws";
    };
    lines.add(events.line("events", eventsMeter, s.source() == Source.AWS ? "AWS service events (no charge on the default bus)"
        : "1 per " + s.source().id() + " event per 64 KB (" + payload + " KB)"));
    if (s.replayFraction() > 0) {
      Accumulator replayed = new Accumulator(hours);
      for (Inflow f : ctx.load().inflows()) {
        replayed.addUnits(q, f.items(), f.kb(), CHUNK_KB, 1, n, s.replayFraction());
      }
      lines.add(replayed.line("replayed events", "aws.eventbridge.events", NodeReader.fmt(s.replayFraction() * 100) + " % of the events replayed, billed as custom events"));
    }
    // Deliveries to targets in another account.
    Accumulator cross = new Accumulator(hours);
    for (int i = 0; i < ctx.outflows().size(); i++) {
      if (s.crossAccountTargets().contains(ctx.service().calls().get(i).to())) {
        EdgeFlow f = ctx.outflows().get(i);
        cross.addUnits(q, f.items(), f.kb(), CHUNK_KB, 1, n, 1);
      }
    }
    String crossMeter = s.source() == Source.AWS ? "aws.eventbridge.cross_account.aws" : "aws.eventbridge.cross_account";
    if (!s.crossAccountTargets().isEmpty()) {
      lines.add(cross.line("cross-account deliveries", crossMeter, "events delivered to targets in another account, 1 per 64 KB"));
    }
    if (s.externalCrossAccountTargets() > 0) {
      lines.add(external.line("cross-account deliveries (outside the model)", crossMeter,
          NodeReader.fmt(s.externalCrossAccountTargets()) + " targets in other accounts per event, 1 per 64 KB"));
    }
    if (s.apiDestinations() > 0) {
      lines.add(api.line("API destination invocations", "aws.eventbridge.api_destinations", NodeReader.fmt(s.apiDestinations()) + " per event, 1 per 64 KB"));
    }
    if (s.archive().isPresent()) {
      lines.add(archivedGb.line("archive processing", "aws.eventbridge.archive_processing", "bytes of every event archived (" + payload + " KB)"));
      double months = s.archive().get().retentionMonths();
      // Steady state: the archive holds `months` months of events.
      double[] stored = Arrays2.scale(archivedGb.hourly(), months);
      lines.add(new MeteredLine("archive storage", "aws.eventbridge.archive_storage", Math.max(0, archivedGb.total() * months), Optional.of(stored), true,
          NodeReader.fmt(months) + " months of archived events kept"));
    }
    if (s.schemaDiscovery()) {
      lines.add(schema.line("schema discovery", "aws.eventbridge.schema_discovery", "events ingested for schema discovery, 1 per 8 KB"));
    }
    return lines;
  }
}
