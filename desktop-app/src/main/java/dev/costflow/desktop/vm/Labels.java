package dev.costflow.desktop.vm;

import dev.costflow.model.Period;
import dev.costflow.model.Service;
import dev.costflow.reports.Format;
import dev.costflow.services.DynamoDbKind;
import dev.costflow.services.LambdaKind;
import dev.costflow.services.SnsKind;
import dev.costflow.services.SqsKind;
import java.math.BigDecimal;

/** Display text shared by the view models. Rounding happens here (through {@link Format}), never in the engine. */
public final class Labels {
  private Labels() {}

  public static String usd(BigDecimal v) {
    return Format.usd(v);
  }

  /** "per month (2025-11)", "per month (730 h)", "per 168 h". */
  public static String per(Period p) {
    if (p.isCalendarMonth()) {
      return "per month (" + p.label() + ")";
    }
    if (p.hours() == Period.CALCULATOR_MONTH_HOURS) {
      return "per month (730 h)";
    }
    return "per " + p.hours() + " h";
  }

  /** Suffix of a count over the period: "/mo" for a month, " per 168 h" otherwise. */
  public static String perShort(Period p) {
    return p.isCalendarMonth() || p.hours() == Period.CALCULATOR_MONTH_HOURS ? "/mo" : " /" + p.hours() + "h";
  }

  /** The label of a call edge: calls it carries in the period. */
  public static String calls(double calls, Period p) {
    return Format.count(calls) + perShort(p);
  }

  public static String percent(double share) {
    return Format.percent(share * 100);
  }

  /** A short description of a service for its node: "Lambda · 1024 MB arm64", "SQS queue (FIFO)". */
  public static String short_(Service s) {
    if (s.spec() instanceof LambdaKind.Spec l) {
      return l.memoryMb() + " MB · " + l.architecture().id();
    }
    if (s.spec() instanceof SqsKind.Spec q) {
      return q.fifo() ? "SQS FIFO queue" : "SQS queue";
    }
    if (s.spec() instanceof SnsKind.Spec) {
      return "SNS topic";
    }
    if (s.spec() instanceof DynamoDbKind.Spec d) {
      return "DynamoDB · " + (d.mode() == DynamoDbKind.Mode.ON_DEMAND ? "on-demand" : "provisioned");
    }
    String t = s.kind().title().replace("Amazon ", "").replace("AWS ", "");
    return t.length() > 28 ? s.type() : t;
  }

  /** Two or three letters for the node's badge. */
  public static String badge(String type) {
    return switch (type) {
      case "aws.lambda" -> "λ";
      case "aws.sqs" -> "SQS";
      case "aws.sns" -> "SNS";
      case "aws.dynamodb" -> "DDB";
      case "aws.apigateway.http", "aws.apigateway.rest", "aws.apigateway.websocket" -> "API";
      default -> {
        String last = type.substring(type.lastIndexOf('.') + 1);
        yield last.length() <= 3 ? last.toUpperCase(java.util.Locale.ROOT) : last.substring(0, 3).toUpperCase(java.util.Locale.ROOT);
      }
    };
  }
}
