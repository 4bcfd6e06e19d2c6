package dev.costflow.importers.bills;

import dev.costflow.billing.LineKey;
import dev.costflow.pricing.UsageTypeIndex;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FOCUS 1.0, 1.1 and 1.2 cost-and-usage data (CSV or Parquet, from any provider): the literal
 * {@code NULL} of some exports is an empty value, and timestamps may be ISO ({@code 2024-09-01T00:00:00Z})
 * or with a space and no zone ({@code 2024-09-01 00:00:00}, the FOCUS sample data). Billed cost is
 * {@code BilledCost}, amortized {@code EffectiveCost}, list {@code ListCost}. Usage types come from
 * {@code x_UsageType} (AWS FOCUS 1.0 exports); without it, a line maps to the one catalog meter of its
 * service whose unit it carries (docs/billing-import.md#focus).
 */
public final class FocusImporter implements BillImporter {
  private final UsageTypeIndex index;
  private String version = "";

  public FocusImporter(UsageTypeIndex index) {
    this.index = index;
  }

  @Override
  public String kind() {
    return "focus";
  }

  /** The FOCUS version the last file looked like (by its columns): 1.0, 1.1 or 1.2. */
  public String version() {
    return version;
  }

  /** The cloud of a FOCUS ProviderName. */
  static String cloudOf(String provider) {
    String p = provider.toLowerCase(Locale.ROOT).strip();
    if (p.equals("aws") || p.startsWith("amazon")) {
      return "aws";
    }
    if (p.startsWith("microsoft") || p.startsWith("azure")) {
      return "azure";
    }
    if (p.startsWith("google") || p.equals("gcp")) {
      return "gcp";
    }
    if (p.startsWith("oracle") || p.equals("oci")) {
      return "oracle";
    }
    String slug = p.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return slug.isEmpty() ? "unknown" : slug;
  }

  private static String nul(String s) {
    return s.equalsIgnoreCase("NULL") ? "" : s;
  }

  @Override
  public void read(RowSource src, LineSink sink) throws BillImportException {
    List<String> header = src.header();
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), i);
    }
    if (header.stream().anyMatch(h -> h.startsWith("lineItem/")) || at.containsKey("line_item_line_item_type")) {
      throw new BillImportException(src.file(), 1, 0, "this is a Cost and Usage Report, not FOCUS: import it with 'costflow import cur' (or cur2)");
    }
    if (at.containsKey("chargetype") && !at.containsKey("chargecategory")) {
      throw new BillImportException(src.file(), 1, 0, "this looks like FOCUS 0.5 (ChargeType, no ChargeCategory); FOCUS 1.0, 1.1 and 1.2 are supported");
    }
    int billedCol = require(src, at, "BilledCost");
    int chargeStart = require(src, at, "ChargePeriodStart");
    int chargeEnd = require(src, at, "ChargePeriodEnd");
    int serviceName = require(src, at, "ServiceName");
    int category = require(src, at, "ChargeCategory");
    int periodStart = require(src, at, "BillingPeriodStart");
    int effective = at.getOrDefault("effectivecost", -1);
    int listCost = at.getOrDefault("listcost", -1);
    int chargeClass = at.getOrDefault("chargeclass", -1);
    int currency = at.getOrDefault("billingcurrency", -1);
    int billingAccount = at.getOrDefault("billingaccountid", -1);
    int subAccount = at.getOrDefault("subaccountid", -1);
    int provider = at.containsKey("serviceprovidername") ? at.get("serviceprovidername") : at.getOrDefault("providername", -1);
    int region = at.containsKey("regionid") ? at.get("regionid") : at.getOrDefault("region", -1);
    int resource = at.getOrDefault("resourceid", -1);
    int consumedQty = at.getOrDefault("consumedquantity", -1);
    int consumedUnit = at.getOrDefault("consumedunit", -1);
    int pricingQty = at.getOrDefault("pricingquantity", -1);
    int pricingUnit = at.getOrDefault("pricingunit", -1);
    int tagsCol = at.getOrDefault("tags", -1);
    int usageTypeCol = at.getOrDefault("x_usagetype", -1);
    int serviceCode = at.getOrDefault("x_servicecode", -1);
    int operationCol = at.getOrDefault("x_operation", -1);
    int description = at.getOrDefault("chargedescription", -1);
    version = at.containsKey("invoiceid") || at.containsKey("pricingcurrency") || at.containsKey("billingaccounttype") ? "1.2"
        : at.containsKey("skumeter") || at.containsKey("servicesubcategory") || at.containsKey("capacityreservationid") ? "1.1" : "1.0";
    src.willRead(java.util.stream.IntStream.of(billedCol, chargeStart, chargeEnd, serviceName, category, periodStart, effective, listCost, chargeClass, currency,
        billingAccount, subAccount, provider, region, resource, consumedQty, consumedUnit, pricingQty, pricingUnit, tagsCol, usageTypeCol, serviceCode,
        operationCol, description).filter(i -> i >= 0).toArray());
    String file = src.file();
    Map<String, String> tagCache = new HashMap<>();
    Map<String, LocalDate> periodCache = new HashMap<>();

    while (src.next()) {
      sink.stats().rowRead();
      String cur = currency >= 0 ? nul(src.get(currency)) : "";
      if (!cur.isEmpty() && !cur.equals("USD")) {
        sink.stats().rejected("billing currency " + Values.clip(cur) + " (the billing store holds USD)");
        continue;
      }
      String cat = nul(src.get(category));
      String normalized = switch (cat.toLowerCase(Locale.ROOT)) {
        case "usage" -> "Usage";
        case "purchase" -> "Purchase";
        case "tax" -> "Tax";
        case "credit" -> "Credit";
        case "adjustment" -> "Adjustment";
        default -> "";
      };
      if (normalized.isEmpty()) {
        throw src.error(category, "column " + header.get(category) + ": '" + Values.clip(cat) + "' is not a FOCUS charge category (Usage, Purchase, Tax, Credit, Adjustment)");
      }
      long startSec = timestamp(src, chargeStart, header);
      String endText = nul(src.get(chargeEnd));
      long endSec = endText.isEmpty() ? startSec : timestamp(src, chargeEnd, header);
      String pt = nul(src.get(periodStart));
      LocalDate period = periodCache.get(pt);
      if (period == null) {
        period = Values.day(timestamp(src, periodStart, header)).withDayOfMonth(1);
        periodCache.put(pt, period);
      }
      boolean usage = normalized.equals("Usage");
      BigDecimal billed = decimal(src, billedCol, header);
      BigDecimal amortized = effective >= 0 ? decimal(src, effective, header) : billed;
      BigDecimal list = listCost >= 0 ? decimal(src, listCost, header) : billed;
      String service = nul(src.get(serviceName));
      String code = serviceCode >= 0 ? nul(src.get(serviceCode)) : "";
      if (code.isEmpty()) {
        code = index.productCodeOf(service).orElse("");
      }
      double quantity = 0;
      String unit = "";
      if (consumedQty >= 0 && !nul(src.get(consumedQty)).isEmpty()) {
        quantity = usage ? quantity(src, consumedQty, header) : 0;
        unit = consumedUnit >= 0 ? nul(src.get(consumedUnit)) : "";
      } else if (pricingQty >= 0) {
        quantity = usage ? quantity(src, pricingQty, header) : 0;
        unit = pricingUnit >= 0 ? nul(src.get(pricingUnit)) : "";
      }
      if (unit.isEmpty() && pricingUnit >= 0) {
        unit = nul(src.get(pricingUnit));
      }
      String cloud = provider >= 0 ? cloudOf(nul(src.get(provider))) : "unknown";
      String ut = usageTypeCol >= 0 ? nul(src.get(usageTypeCol)) : "";
      String meterId = "";
      String storedUnit = unit;
      if (cloud.equals("aws") && usage) {
        var match = ut.isEmpty()
            ? index.meterForUnit(service, unit, description >= 0 ? nul(src.get(description)) : "")
            : index.meterFor(code, service, ut);
        if (match.isPresent()) {
          var factor = index.unitFactor(unit, match.get().meterUnit());
          if (factor.isEmpty()) {
            int unitCol = consumedUnit >= 0 ? consumedUnit : pricingUnit;
            throw src.error(unitCol, "unit '" + Values.clip(unit) + "' of usage type " + ut + " is not a unit the catalog knows for meter "
                + match.get().meterId() + " (" + match.get().meterUnit() + "; known: " + String.join(", ", index.billUnits(match.get().meterUnit())) + ")");
          }
          meterId = match.get().meterId();
          storedUnit = match.get().meterUnit();
          if (factor.get().compareTo(BigDecimal.ONE) != 0) {
            quantity *= factor.get().doubleValue();
          }
        }
        sink.stats().mapped(!meterId.isEmpty(), service + (ut.isEmpty() ? " · (" + unit + ")" : " · " + ut));
      }
      String tags = "{}";
      if (tagsCol >= 0) {
        String t = nul(src.get(tagsCol));
        if (!t.isEmpty() && !t.equals("{}")) {
          String canonical = tagCache.get(t);
          if (canonical == null) {
            Map<String, String> m = Values.jsonObject(t);
            if (m == null) {
              throw src.error(tagsCol, "column " + header.get(tagsCol) + ": not a JSON object of tags: '" + Values.clip(t) + "'");
            }
            canonical = Values.tagsJson(m);
            if (tagCache.size() > 50_000) {
              tagCache.clear();
            }
            tagCache.put(t, canonical);
          }
          tags = canonical;
        }
      }
      String account = billingAccount >= 0 ? nul(src.get(billingAccount)) : "";
      String sub = subAccount >= 0 ? nul(src.get(subAccount)) : "";
      String chargeType = cat + (chargeClass >= 0 && nul(src.get(chargeClass)).equalsIgnoreCase("Correction") ? " (correction)" : "");
      LineKey key = new LineKey(period, cloud, account, period, sub.isEmpty() ? account : sub, region >= 0 ? nul(src.get(region)) : "", service, code, ut,
          meterId, operationCol >= 0 ? nul(src.get(operationCol)) : "", resource >= 0 ? nul(src.get(resource)) : "", tags, normalized, chargeType, storedUnit,
          file);
      sink.accept(key, startSec, endSec, usage, quantity, billed, amortized, list);
    }
  }

  private static int require(RowSource src, Map<String, Integer> at, String column) throws BillImportException {
    Integer i = at.get(column.toLowerCase(Locale.ROOT));
    if (i == null) {
      throw new BillImportException(src.file(), 1, 0, "missing FOCUS column " + column + " (is this a FOCUS 1.0–1.2 file?)");
    }
    return i;
  }

  private static long timestamp(RowSource src, int col, List<String> header) throws BillImportException {
    String s = nul(src.get(col));
    if (s.isEmpty()) {
      throw src.error(col, "column " + header.get(col) + " is empty (NULL)");
    }
    return Values.timestamp(src, col, header.get(col));
  }

  private static BigDecimal decimal(RowSource src, int col, List<String> header) throws BillImportException {
    return src.get(col).equalsIgnoreCase("NULL") ? BigDecimal.ZERO : Values.decimal(src, col, header.get(col));
  }

  private static double quantity(RowSource src, int col, List<String> header) throws BillImportException {
    return src.get(col).equalsIgnoreCase("NULL") ? 0 : Values.quantity(src, col, header.get(col));
  }
}
