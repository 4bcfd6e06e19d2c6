package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon API Gateway WebSocket API: messages in 32 KB increments (received: the calls into the
 * API; sent: {@code messages_out_per_call} per call) and connection minutes of the average number
 * of open connections.
 */
public final class WebSocketApiKind implements ServiceKind {
  public static final double INCREMENT_KB = 32;

  public record Spec(double connections, double messagesOutPerCall, Optional<Distribution> messageOutKb) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.apigateway.websocket";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon API Gateway WebSocket API";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("connections", "average number of open connections over the period (default 0)");
    k.put("messages_out_per_call", "messages sent to clients per message received (default 0)");
    k.put("message_out_kb", "size of each message sent to clients in KB (default: as received)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(
        r.number("connections", 0, 0, 1e12, "connections"),
        r.number("messages_out_per_call", 0, 0, 1e9, ""),
        r.optDistribution("message_out_kb", "KB", 128));
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    Accumulator messages = new Accumulator(ctx.hours());
    for (Inflow f : ctx.load().inflows()) {
      messages.addUnits(ctx.quantities(), f.calls(), f.kb(), INCREMENT_KB, 1, Distribution.NO_CAP, 1);
      if (s.messagesOutPerCall() > 0) {
        Distribution out = s.messageOutKb().orElse(f.kb());
        messages.addUnits(ctx.quantities(), f.calls(), out, INCREMENT_KB, 1, Distribution.NO_CAP, s.messagesOutPerCall());
      }
    }
    double minutes = s.connections() * ctx.hours() * 60;
    return List.of(
        messages.line("messages", "aws.apigateway.websocket.messages", "received and sent messages, 1 per 32 KB"),
        MeteredLine.of("connection minutes", "aws.apigateway.websocket.connection_minutes", Arrays2.filled(ctx.hours(), s.connections() * 60),
            NodeReader.fmt(s.connections()) + " open connections × " + NodeReader.fmt(minutes / Math.max(1, s.connections())) + " minutes"));
  }
}
