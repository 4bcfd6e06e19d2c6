package dev.costflow.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an import read: rows, rows rejected and why, days, services, billed (cash), amortized and
 * list totals, and the usage types that map to no catalog meter. Printed as the import's summary
 * and kept in the store's import record.
 */
public final class ImportStats {
  private long rowsRead;
  private long rowsRejected;
  private final Map<String, Long> rejectReasons = new TreeMap<>();
  private final Map<String, BigDecimal> billedByService = new java.util.HashMap<>();
  private final Set<LocalDate> days = new java.util.HashSet<>();
  private final Set<String> clouds = new java.util.HashSet<>();
  private String lastCloud;
  private LocalDate lastDay;
  private LocalDate first;
  private LocalDate last;
  private final Map<String, Long> unmapped = new TreeMap<>();
  private final Map<String, Long> notes = new LinkedHashMap<>();
  private BigDecimal billed = BigDecimal.ZERO;
  private BigDecimal amortized = BigDecimal.ZERO;
  private BigDecimal list = BigDecimal.ZERO;
  private long mapped;
  private final Set<String> files = new TreeSet<>();

  public void rowRead() {
    rowsRead++;
  }

  public void rejected(String reason) {
    rowsRejected++;
    rejectReasons.merge(reason, 1L, Long::sum);
  }

  /** Counts a remark about rows that were stored (e.g. "days still estimated by Cost Explorer"). */
  public void note(String note) {
    notes.merge(note, 1L, Long::sum);
  }

  public void file(String file) {
    files.add(file);
  }

  /** Records a stored row's amounts (after spreading it over its days). */
  public void stored(String cloud, String service, LocalDate day, BigDecimal billedUsd, BigDecimal amortizedUsd, BigDecimal listUsd) {
    if (cloud != lastCloud) {
      clouds.add(cloud);
      lastCloud = cloud;
    }
    if (day != lastDay) {
      if (days.add(day)) {
        first = first == null || day.isBefore(first) ? day : first;
        last = last == null || day.isAfter(last) ? day : last;
      }
      lastDay = day;
    }
    if (billedUsd.signum() != 0) {
      billedByService.merge(service, billedUsd, BigDecimal::add);
    } else {
      billedByService.putIfAbsent(service, BigDecimal.ZERO);
    }
    billed = billed.add(billedUsd);
    amortized = amortized.add(amortizedUsd);
    list = list.add(listUsd);
  }

  public void mapped(boolean toMeter, String serviceAndUsageType) {
    if (toMeter) {
      mapped++;
    } else if (!serviceAndUsageType.isEmpty()) {
      unmapped.merge(serviceAndUsageType, 1L, Long::sum);
    }
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long rowsRejected() {
    return rowsRejected;
  }

  public Map<String, Long> rejectReasons() {
    return Collections.unmodifiableMap(rejectReasons);
  }

  public Map<String, Long> notes() {
    return Collections.unmodifiableMap(notes);
  }

  public Map<String, BigDecimal> billedByService() {
    return Collections.unmodifiableMap(new TreeMap<>(billedByService));
  }

  public Set<LocalDate> days() {
    return Collections.unmodifiableSet(new TreeSet<>(days));
  }

  public Set<String> clouds() {
    return Collections.unmodifiableSet(new TreeSet<>(clouds));
  }

  public Set<String> files() {
    return Collections.unmodifiableSet(files);
  }

  /** Rows whose usage type maps to no catalog meter, by "service · usage type". */
  public Map<String, Long> unmapped() {
    return Collections.unmodifiableMap(unmapped);
  }

  public long mappedRows() {
    return mapped;
  }

  public Optional<LocalDate> firstDay() {
    return Optional.ofNullable(first);
  }

  public Optional<LocalDate> lastDay() {
    return Optional.ofNullable(last);
  }

  public BigDecimal billedUsd() {
    return billed;
  }

  public BigDecimal amortizedUsd() {
    return amortized;
  }

  public BigDecimal listUsd() {
    return list;
  }
}
