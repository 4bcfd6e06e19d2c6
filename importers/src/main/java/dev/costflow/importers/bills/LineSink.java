package dev.costflow.importers.bills;

import dev.costflow.billing.ImportStats;
import dev.costflow.billing.LineKey;
import dev.costflow.billing.Partition;
import dev.costflow.billing.StagedImport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where normalized bill rows go: each is put on its UTC day(s), counted in the import's stats and
 * staged. A row within one day goes to that day. A row spanning several days (monthly tax, fees,
 * Savings Plan recurring fees; usage in a monthly or daily-granularity report) is placed by
 * the rule of docs/billing-rules.md#daily-buckets: usage is spread over the days in proportion to
 * the seconds of each day it covers (amounts exact: the last day takes the remainder); other
 * charges go whole to their first day, as Cost Explorer's daily view shows them.
 */
public final class LineSink {
  private static final int SCALE = StagedImport.MONEY_SCALE;

  private final StagedImport staged;
  private final ImportStats stats;
  private final Set<Partition> partitions = new LinkedHashSet<>();
  private Partition lastPartition;
  private LineKey lastPartKey;

  public LineSink(StagedImport staged, ImportStats stats) {
    this.staged = staged;
    this.stats = stats;
  }

  public ImportStats stats() {
    return stats;
  }

  /** The billing periods seen (cloud, billing account, month), which a file import replaces. */
  public Set<Partition> periods() {
    return partitions;
  }

  /**
   * Stores one row covering {@code [startSec, endSec)}; {@code key.day()} is replaced by the day(s)
   * the row goes to (a key whose day already is the row's first day is used as is). {@code spread}
   * is true for usage (spread over its days), false for other charges (their first day).
   */
  public void accept(LineKey key, long startSec, long endSec, boolean spread, double quantity, BigDecimal billed, BigDecimal amortized, BigDecimal list) {
    if (lastPartKey == null || !lastPartKey.cloud().equals(key.cloud()) || !lastPartKey.billingAccount().equals(key.billingAccount())
        || !lastPartKey.billingPeriod().equals(key.billingPeriod())) {
      lastPartition = Partition.period(key.cloud(), key.billingAccount(), key.billingPeriod());
      partitions.add(lastPartition);
      lastPartKey = key;
    }
    long first = Math.floorDiv(startSec, 86400L);
    long last = endSec > startSec ? Math.floorDiv(endSec - 1, 86400L) : first;
    if (last == first || !spread) {
      put(key, LocalDate.ofEpochDay(first), quantity, billed, amortized, list);
      return;
    }
    long total = endSec - startSec;
    BigDecimal totalSeconds = BigDecimal.valueOf(total);
    BigDecimal billedLeft = billed;
    BigDecimal amortizedLeft = amortized;
    BigDecimal listLeft = list;
    for (long d = first; d <= last; d++) {
      long from = Math.max(startSec, d * 86400L);
      long to = Math.min(endSec, (d + 1) * 86400L);
      long secs = to - from;
      LocalDate day = LocalDate.ofEpochDay(d);
      if (d == last) {
        put(key, day, quantity * secs / total, billedLeft, amortizedLeft, listLeft);
      } else {
        BigDecimal share = BigDecimal.valueOf(secs);
        BigDecimal b = share(billed, share, totalSeconds);
        BigDecimal a = share(amortized, share, totalSeconds);
        BigDecimal l = share(list, share, totalSeconds);
        billedLeft = billedLeft.subtract(b);
        amortizedLeft = amortizedLeft.subtract(a);
        listLeft = listLeft.subtract(l);
        put(key, day, quantity * secs / total, b, a, l);
      }
    }
  }

  private static BigDecimal share(BigDecimal amount, BigDecimal part, BigDecimal whole) {
    if (amount.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return amount.multiply(part).divide(whole, SCALE, RoundingMode.HALF_EVEN);
  }

  private void put(LineKey key, LocalDate day, double quantity, BigDecimal billed, BigDecimal amortized, BigDecimal list) {
    staged.add(key.day().equals(day) ? key : key.withDay(day), quantity, billed, amortized, list);
    stats.stored(key.cloud(), key.service(), day, billed, amortized, list);
  }
}
