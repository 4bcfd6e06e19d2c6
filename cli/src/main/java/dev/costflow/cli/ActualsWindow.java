package dev.costflow.cli;

import dev.costflow.billing.BillingStore;
import dev.costflow.model.Model;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/** The days reconcile and calibrate look at: --since/--until, else the model's calendar month, else the newest month in the store. */
final class ActualsWindow {
  private ActualsWindow() {}

  static LocalDate[] of(Model model, BillingStore store, String since, String until) {
    Optional<LocalDate> s = Optional.ofNullable(since).map(v -> ImportCeCommand.date("--since", v));
    Optional<LocalDate> u = Optional.ofNullable(until).map(v -> ImportCeCommand.date("--until", v));
    YearMonth month;
    if (model.period().month().isPresent()) {
      month = model.period().month().get();
    } else {
      Optional<LocalDate[]> range = store.dayRange();
      if (range.isEmpty() && (s.isEmpty() || u.isEmpty())) {
        throw new UserException("costflow: the billing store " + store.file() + " is empty: import a bill first (costflow import cur|cur2|focus|ce)");
      }
      month = YearMonth.from(range.map(r -> r[1]).orElse(u.orElse(LocalDate.now())));
    }
    LocalDate from = s.orElse(u.map(d -> YearMonth.from(d).atDay(1)).orElse(month.atDay(1)));
    LocalDate to = u.orElse(s.map(d -> YearMonth.from(d).atEndOfMonth()).orElse(month.atEndOfMonth()));
    if (to.isBefore(from)) {
      throw new UserException("costflow: --until " + to + " is before --since " + from);
    }
    if (from.plusYears(2).isBefore(to)) {
      throw new UserException("costflow: " + from + " .. " + to + " is more than two years; reconcile a shorter range");
    }
    return new LocalDate[] {from, to};
  }
}
