package dev.costflow.model;

import dev.costflow.dist.Distribution;
import dev.costflow.traffic.Schedule;
import dev.costflow.yaml.Position;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Calls entering the graph at a service: a rate, a shape over the hours of the period and the
 * payload of each call.
 */
public record Traffic(Rate rate, Shape shape, double peakToMean, double growthPct, Distribution kb, ZoneId zone, int peakHour, Position pos) {
  public Traffic {
    Objects.requireNonNull(rate);
    Objects.requireNonNull(shape);
    Objects.requireNonNull(kb);
    Objects.requireNonNull(zone);
    Objects.requireNonNull(pos);
  }

  /** How much traffic: exactly one of the SPEC's forms. */
  public sealed interface Rate permits Monthly, Daily, Hourly, Rps, ScheduleRate, Series {}

  /** N calls per calendar month, or N × hours / 730 over an hours-period. */
  public record Monthly(double calls) implements Rate {}

  public record Daily(double calls) implements Rate {}

  public record Hourly(double calls) implements Rate {}

  public record Rps(double callsPerSecond) implements Rate {}

  /** An EventBridge-style schedule expression; one call per firing. */
  public record ScheduleRate(String expression, Schedule schedule) implements Rate {}

  /** An hourly series read from a CSV file: hour start (UTC) → calls. */
  public record Series(Path file, SortedMap<LocalDateTime, Double> countsByHour) implements Rate {}

  public enum Shape {
    FLAT,
    DIURNAL,
    WEEKLY,
    BUSINESS_HOURS
  }
}
