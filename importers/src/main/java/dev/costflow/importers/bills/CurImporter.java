package dev.costflow.importers.bills;

import dev.costflow.billing.LineKey;
import dev.costflow.pricing.UsageTypeIndex;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Cost and Usage Reports: legacy CUR ({@code lineItem/UsageType} headers in CSV, or the
 * Athena-style snake_case of its Parquet delivery, {@code line_item_usage_type}) and CUR 2.0 (Data
 * Exports: snake_case with {@code resource_tags} and {@code product} maps). Columns are found by
 * name (the column set changes month to month). Every line item type is kept with its billed
 * (unblended) cost and its amortized cost by the rules of docs/billing-rules.md#cur-line-item-types.
 */
public final class CurImporter implements BillImporter {
  /** Which flavour a command accepts. */
  public enum Flavor {
    LEGACY("cur"),
    CUR2("cur2");

    private final String kind;

    Flavor(String kind) {
      this.kind = kind;
    }

    public String kind() {
      return kind;
    }
  }

  private final Flavor flavor;
  private final UsageTypeIndex index;

  public CurImporter(Flavor flavor, UsageTypeIndex index) {
    this.flavor = flavor;
    this.index = index;
  }

  @Override
  public String kind() {
    return flavor.kind();
  }

  /** {@code lineItem/UsageAmount} → {@code line_item_usage_amount} (the Athena naming of CUR columns). */
  static String snake(String header) {
    StringBuilder b = new StringBuilder(header.length() + 8);
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (Character.isUpperCase(c)) {
        if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
        b.append('_');
      }
    }
    int end = b.length();
    while (end > 0 && b.charAt(end - 1) == '_') {
      end--;
    }
    return b.substring(0, end);
  }

  /** Line item types whose quantity is usage (the others carry fees, taxes, credits, negations). */
  static boolean isUsage(String type) {
    return type.equals("Usage") || type.equals("DiscountedUsage") || type.equals("SavingsPlanCoveredUsage");
  }

  /** FOCUS ChargeCategory of a CUR line item type (FinOps Foundation converter, billing-formats.md 1.2). */
  static String chargeCategory(String type) {
    return switch (type) {
      case "Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "BundledDiscount", "Discount", "EdpDiscount",
          "PrivateRateDiscount", "SppDiscount", "DistributorDiscount" -> "Usage";
      case "SavingsPlanRecurringFee", "SavingsPlanUpfrontFee", "RIFee", "Fee" -> "Purchase";
      case "Tax" -> "Tax";
      case "Credit" -> "Credit";
      case "Refund" -> "Adjustment";
      default -> "";
    };
  }

  private static final class Cols {
    final Map<String, Integer> at = new HashMap<>();
    final List<String> raw;

    Cols(List<String> header) {
      raw = header;
      for (int i = 0; i < header.size(); i++) {
        at.putIfAbsent(snake(header.get(i)), i);
      }
    }

    int of(String snakeName) {
      return at.getOrDefault(snakeName, -1);
    }

    int first(String... names) {
      for (String n : names) {
        int i = of(n);
        if (i >= 0) {
          return i;
        }
      }
      return -1;
    }

    String name(int i) {
      return i < 0 ? "" : raw.get(i);
    }
  }

  @Override
  public void read(RowSource src, LineSink sink) throws BillImportException {
    List<String> header = src.header();
    boolean slash = header.stream().anyMatch(h -> h.contains("/"));
    Cols c = new Cols(header);
    if (c.of("billed_cost") >= 0 && c.of("charge_period_start") >= 0) {
      throw new BillImportException(src.file(), 1, 0, "this is a FOCUS file (BilledCost, ChargePeriodStart): import it with 'costflow import focus'");
    }
    int type = c.of("line_item_line_item_type");
    if (type < 0) {
      throw new BillImportException(src.file(), 1, 0, "not a Cost and Usage Report: no lineItem/LineItemType (line_item_line_item_type) column; header starts "
          + Values.clip(String.join(",", header.subList(0, Math.min(6, header.size())))));
    }
    boolean cur2 = !slash && (c.of("resource_tags") >= 0 || c.of("product") >= 0 || c.of("bill_payer_account_name") >= 0
        || c.of("line_item_usage_account_name") >= 0);
    if (flavor == Flavor.CUR2 && !cur2) {
      throw new BillImportException(src.file(), 1, 0, "this is a legacy CUR (" + (slash ? "lineItem/… headers" : "no resource_tags or product map columns")
          + "): import it with 'costflow import cur'");
    }
    if (flavor == Flavor.LEGACY && cur2) {
      throw new BillImportException(src.file(), 1, 0, "this is a CUR 2.0 (Data Exports) file (resource_tags / product map columns): import it with 'costflow import cur2'");
    }
    int start = require(src, c, "line_item_usage_start_date", "lineItem/UsageStartDate");
    int end = c.of("line_item_usage_end_date");
    int product = require(src, c, "line_item_product_code", "lineItem/ProductCode");
    int amount = require(src, c, "line_item_usage_amount", "lineItem/UsageAmount");
    int unblended = require(src, c, "line_item_unblended_cost", "lineItem/UnblendedCost");
    int period = c.of("bill_billing_period_start_date");
    int payer = c.of("bill_payer_account_id");
    int account = c.of("line_item_usage_account_id");
    int usageType = c.of("line_item_usage_type");
    int operation = c.of("line_item_operation");
    int resource = c.of("line_item_resource_id");
    int productName = c.first("product_product_name", "product_servicename");
    int productMap = cur2 ? c.of("product") : -1;
    int region = c.first("product_region_code", "product_region");
    int unit = c.of("pricing_unit");
    int currency = c.of("line_item_currency_code");
    int publicCost = c.of("pricing_public_on_demand_cost");
    int riEffective = c.of("reservation_effective_cost");
    int spEffective = c.of("savings_plan_savings_plan_effective_cost");
    int spTotal = c.of("savings_plan_total_commitment_to_date");
    int spUsed = c.of("savings_plan_used_commitment");
    int riUnusedUpfront = c.of("reservation_unused_amortized_upfront_fee_for_billing_period");
    int riUnusedRecurring = c.of("reservation_unused_recurring_fee");
    int riArn = c.of("reservation_reservation_a_r_n");
    int tagMap = cur2 ? c.of("resource_tags") : -1;
    List<int[]> tagCols = new ArrayList<>();
    List<String> tagKeys = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      String key = null;
      if (h.startsWith("resourceTags/")) {
        key = h.substring("resourceTags/".length());
        key = key.startsWith("user:") ? key.substring(5) : key;
      } else if (!slash && h.startsWith("resource_tags_")) {
        key = h.substring("resource_tags_".length());
        key = key.startsWith("user_") ? key.substring(5) : key;
      }
      if (key != null && !key.isEmpty()) {
        tagCols.add(new int[] {i});
        tagKeys.add(key);
      }
    }
    List<Integer> used = new ArrayList<>(List.of(type, start, end, product, amount, unblended, period, payer, account, usageType, operation, resource,
        productName, productMap, region, unit, currency, publicCost, riEffective, spEffective, spTotal, spUsed, riUnusedUpfront, riUnusedRecurring, riArn, tagMap));
    for (int[] t : tagCols) {
      used.add(t[0]);
    }
    src.willRead(used.stream().mapToInt(Integer::intValue).filter(i -> i >= 0).toArray());
    String file = src.file();
    Map<String, Map<String, String>> jsonCache = new HashMap<>();
    Map<String, String> tagCache = new HashMap<>();
    Map<String, Map<String, java.util.Optional<UsageTypeIndex.Match>>> meters = new HashMap<>();
    Map<String, Map<String, java.util.Optional<BigDecimal>>> factors = new HashMap<>();
    Map<String, String> tagJsonCache = new HashMap<>();
    StringBuilder tagKey = new StringBuilder();
    String lastPeriodText = null;
    String lastStartText = null;
    String lastEndText = null;
    long lastStart = 0;
    long lastEnd = 0;
    LocalDate lastPeriod = null;

    while (src.next()) {
      sink.stats().rowRead();
      String lineType = src.get(type);
      String cur = currency >= 0 ? src.get(currency) : "";
      if (!cur.isEmpty() && !cur.equals("USD")) {
        sink.stats().rejected("currency " + Values.clip(cur) + " (the billing store holds USD)");
        continue;
      }
      // rows come grouped by hour: the same timestamp text (one String per distinct value) repeats
      String startText = src.get(start);
      long startSec = startText == lastStartText ? lastStart : Values.timestamp(src, start, c.name(start));
      lastStartText = startText;
      lastStart = startSec;
      long endSec = startSec;
      String endText = end >= 0 ? src.get(end) : "";
      if (!endText.isEmpty()) {
        endSec = endText == lastEndText ? lastEnd : Values.timestamp(src, end, c.name(end));
        lastEndText = endText;
        lastEnd = endSec;
      }
      LocalDate billingPeriod;
      String pt = period >= 0 ? src.get(period) : "";
      if (pt.isEmpty()) {
        billingPeriod = Values.day(startSec).withDayOfMonth(1);
      } else if (pt.equals(lastPeriodText)) {
        billingPeriod = lastPeriod;
      } else {
        billingPeriod = Values.day(Values.timestamp(src, period, c.name(period))).withDayOfMonth(1);
        lastPeriodText = pt;
        lastPeriod = billingPeriod;
      }
      String category = chargeCategory(lineType);
      if (category.isEmpty()) {
        if (lineType.isEmpty()) {
          throw src.error(type, "column " + c.name(type) + " is empty");
        }
        sink.stats().note("line item type '" + Values.clip(lineType) + "' is not known; stored as an Adjustment");
        category = "Adjustment";
      }
      boolean usage = isUsage(lineType);
      String productCode = src.get(product);
      Map<String, String> productAttrs = productMap >= 0 ? json(src, productMap, c, jsonCache) : Map.of();
      String service = productName >= 0 ? src.get(productName) : productAttrs.getOrDefault("product_name", "");
      if (service.isEmpty()) {
        service = productAttrs.getOrDefault("product_name", index.serviceNameOf(productCode).orElse(productCode));
      }
      String ut = usageType >= 0 ? src.get(usageType) : "";
      String reg = region >= 0 ? src.get(region) : "";
      if (reg.isEmpty()) {
        reg = productAttrs.getOrDefault("region", index.regionOf(ut).orElse(""));
      }
      BigDecimal billed = Values.decimal(src, unblended, c.name(unblended));
      double quantity = usage ? Values.quantity(src, amount, c.name(amount)) : 0;
      String billUnit = unit >= 0 ? src.get(unit) : "";
      String meterId = "";
      String storedUnit = billUnit;
      var match = meters.computeIfAbsent(productCode, k -> new HashMap<>()).get(ut);
      if (match == null) {
        match = index.meterFor(productCode, service, ut);
        meters.get(productCode).put(ut, match);
      }
      if (match.isPresent()) {
        var m0 = match.get();
        var factor = factors.computeIfAbsent(m0.meterUnit(), k -> new HashMap<>()).computeIfAbsent(billUnit, u -> index.unitFactor(u, m0.meterUnit()));
        if (factor.isEmpty()) {
          throw src.error(unit, "unit '" + Values.clip(billUnit) + "' of usage type " + ut + " is not a unit the catalog knows for meter " + match.get().meterId()
              + " (" + match.get().meterUnit() + "; known: " + String.join(", ", index.billUnits(match.get().meterUnit())) + ")");
        }
        meterId = match.get().meterId();
        storedUnit = match.get().meterUnit();
        if (factor.get().compareTo(BigDecimal.ONE) != 0) {
          quantity = quantity * factor.get().doubleValue();
        }
      }
      if (usage) {
        sink.stats().mapped(!meterId.isEmpty(), ut.isEmpty() ? "" : service + " · " + ut);
      }
      BigDecimal amortized = switch (lineType) {
        case "DiscountedUsage" -> riEffective < 0 ? billed : Values.decimal(src, riEffective, c.name(riEffective));
        case "SavingsPlanCoveredUsage" -> spEffective < 0 ? billed : Values.decimal(src, spEffective, c.name(spEffective));
        case "SavingsPlanNegation", "SavingsPlanUpfrontFee" -> BigDecimal.ZERO;
        case "SavingsPlanRecurringFee" -> Values.decimal(src, spTotal, c.name(spTotal)).subtract(Values.decimal(src, spUsed, c.name(spUsed)));
        case "RIFee" -> Values.decimal(src, riUnusedUpfront, c.name(riUnusedUpfront)).add(Values.decimal(src, riUnusedRecurring, c.name(riUnusedRecurring)));
        case "Fee" -> riArn >= 0 && !src.get(riArn).isEmpty() ? BigDecimal.ZERO : billed;
        default -> billed;
      };
      BigDecimal list;
      if (usage) {
        String pub = publicCost >= 0 ? src.get(publicCost) : "";
        // on-demand usage: the public cost is the unblended cost, written the same way
        list = pub.isEmpty() || pub.equals(src.get(unblended)) ? billed : Values.decimal(src, publicCost, c.name(publicCost));
      } else if (category.equals("Purchase") || category.equals("Tax")) {
        list = billed;
      } else {
        list = BigDecimal.ZERO; // negations, discounts, credits, refunds: list price is before them
      }
      String tags = "{}";
      if (tagMap >= 0) {
        String t = src.get(tagMap);
        if (!t.isEmpty() && !t.equals("{}")) {
          tags = tagCache.computeIfAbsent(t, s -> {
            Map<String, String> m = Values.jsonObject(s);
            if (m == null) {
              return "";
            }
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k.startsWith("user_") || k.startsWith("user:") ? k.substring(5) : k, v));
            return Values.tagsJson(out);
          });
          if (tags.isEmpty()) {
            throw src.error(tagMap, "column " + c.name(tagMap) + ": not a JSON object of tags: '" + Values.clip(t) + "'");
          }
          if (tagCache.size() > 50_000) {
            tagCache.clear();
          }
        }
      } else if (!tagCols.isEmpty()) {
        tagKey.setLength(0);
        boolean any = false;
        for (int k = 0; k < tagCols.size(); k++) {
          String v = src.get(tagCols.get(k)[0]);
          any |= !v.isEmpty();
          tagKey.append(v).append('\u0000');
        }
        if (any) {
          String cacheKey = tagKey.toString();
          String json = tagJsonCache.get(cacheKey);
          if (json == null) {
            Map<String, String> m = new TreeMap<>();
            for (int k = 0; k < tagCols.size(); k++) {
              String v = src.get(tagCols.get(k)[0]);
              if (!v.isEmpty()) {
                m.put(tagKeys.get(k), v);
              }
            }
            json = Values.tagsJson(m);
            if (tagJsonCache.size() > 50_000) {
              tagJsonCache.clear();
            }
            tagJsonCache.put(cacheKey, json);
          }
          tags = json;
        }
      }
      String billingAccount = payer >= 0 ? src.get(payer) : "";
      String usageAccount = account >= 0 ? src.get(account) : "";
      if (billingAccount.isEmpty()) {
        billingAccount = usageAccount;
      }
      LineKey key = new LineKey(Values.day(startSec), "aws", billingAccount, billingPeriod, usageAccount.isEmpty() ? billingAccount : usageAccount, reg, service,
          productCode, ut, meterId, operation >= 0 ? src.get(operation) : "", resource >= 0 ? src.get(resource) : "", tags, category, lineType, storedUnit,
          file);
      sink.accept(key, startSec, endSec, usage, quantity, billed, amortized, list);
    }
  }

  private static int require(RowSource src, Cols c, String snakeName, String display) throws BillImportException {
    int i = c.of(snakeName);
    if (i < 0) {
      throw new BillImportException(src.file(), 1, 0, "missing column " + display + " (" + snakeName + ")");
    }
    return i;
  }

  private static Map<String, String> json(RowSource src, int col, Cols c, Map<String, Map<String, String>> cache) throws BillImportException {
    String s = src.get(col);
    if (s.isEmpty()) {
      return Map.of();
    }
    Map<String, String> m = cache.get(s);
    if (m == null) {
      m = Values.jsonObject(s);
      if (m == null) {
        throw src.error(col, "column " + c.name(col) + ": not a JSON object: '" + Values.clip(s) + "'");
      }
      if (cache.size() > 20_000) {
        cache.clear();
      }
      cache.put(s, m);
    }
    return m;
  }

  /** For messages. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
