package dev.costflow.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** One import run as the store remembers it. */
public record ImportRecord(
    long id,
    String sourceKind,
    String sources,
    String finishedAt,
    long rowsRead,
    long rowsRejected,
    long linesStored,
    Optional<LocalDate> firstDay,
    Optional<LocalDate> lastDay,
    BigDecimal billedUsd,
    String partitions,
    long linesReplaced) {}
