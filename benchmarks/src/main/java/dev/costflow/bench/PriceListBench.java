package dev.costflow.bench;

import dev.costflow.pricing.CatalogLoader;
import dev.costflow.pricing.PriceListImporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Timed harness for {@code costflow pricing import} (BENCHMARKS.md, "Price List import"). One
 * measurement per JVM:
 *
 * <pre>
 *   generate FILE PRODUCTS   write an AWSLambda offer file in the Price List format: the five
 *                            us-west-2 products the catalog maps, plus PRODUCTS filler products
 *                            (other usage types, as the bulk of a real offer file is)
 *   import FILE              read it with the importer (what the command does before writing)
 * </pre>
 *
 * Prints products, MB, seconds, MB per second and the peak resident memory (VmHWM).
 */
public final class PriceListBench {
  private PriceListBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PriceListBench generate FILE PRODUCTS | import FILE");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    long t0 = System.nanoTime();
    String what;
    long products;
    if (args[0].equals("generate")) {
      products = generate(file, Long.parseLong(args[2]));
      what = "generate";
    } else {
      PriceListImporter.Result r = new PriceListImporter(CatalogLoader.bundled()).read(file, Optional.empty());
      products = r.rates().size() + r.skippedUsageTypes().values().stream().mapToLong(Integer::longValue).sum();
      what = "import (" + r.rates().size() + " rates)";
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double mb = Files.size(file) / 1048576.0;
    System.out.println(String.format(Locale.ROOT, "%s: %,d products, %.0f MB, %.2f s, %.0f MB/s, peak RSS %d MB", what, products, mb, secs, mb / secs,
        BillImportBench.peakRssMb()));
  }

  private static final String[][] MAPPED = {
    {"Request", "0.0000002", "Requests"},
    {"Request-ARM", "0.0000002", "Requests"},
    {"Lambda-GB-Second", "0.0000166667", "Lambda-GB-Second"},
    {"Lambda-GB-Second-ARM", "0.0000133334", "Lambda-GB-Second"},
    {"Lambda-Provisioned-Concurrency", "0.0000041667", "Lambda-GB-Second"},
  };

  static long generate(Path file, long fillers) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"synthetic benchmark file\",\n  \"offerCode\" : \"AWSLambda\",\n"
          + "  \"version\" : \"20251001000000\",\n  \"publicationDate\" : \"2025-10-01T00:00:00Z\",\n  \"products\" : {\n");
      long n = MAPPED.length + fillers;
      for (long i = 0; i < n; i++) {
        String usage = i < MAPPED.length ? MAPPED[(int) i][0] : "Filler-" + (i % 500);
        w.write("    \"" + sku(i) + "\" : {\n      \"sku\" : \"" + sku(i) + "\",\n      \"productFamily\" : \"Serverless\",\n      \"attributes\" : {\n"
            + "        \"servicecode\" : \"AWSLambda\",\n        \"location\" : \"US West (Oregon)\",\n        \"locationType\" : \"AWS Region\",\n"
            + "        \"group\" : \"AWS-Lambda\",\n        \"usagetype\" : \"USW2-" + usage + "\",\n        \"regionCode\" : \"us-west-2\"\n      }\n    }"
            + (i + 1 < n ? "," : "") + "\n");
      }
      w.write("  },\n  \"terms\" : {\n    \"OnDemand\" : {\n");
      for (long i = 0; i < n; i++) {
        String price = i < MAPPED.length ? MAPPED[(int) i][1] : "0.0000001";
        String unit = i < MAPPED.length ? MAPPED[(int) i][2] : "Requests";
        String term = sku(i) + ".JRTCKXETXF";
        w.write("      \"" + sku(i) + "\" : {\n        \"" + term + "\" : {\n          \"offerTermCode\" : \"JRTCKXETXF\",\n          \"sku\" : \"" + sku(i) + "\",\n"
            + "          \"effectiveDate\" : \"2025-10-01T00:00:00Z\",\n          \"priceDimensions\" : {\n            \"" + term + ".6YS6EN2CT7\" : {\n"
            + "              \"rateCode\" : \"" + term + ".6YS6EN2CT7\",\n              \"description\" : \"synthetic\",\n              \"beginRange\" : \"0\",\n"
            + "              \"endRange\" : \"Inf\",\n              \"unit\" : \"" + unit + "\",\n              \"pricePerUnit\" : {\n                \"USD\" : \"" + price + "\"\n"
            + "              },\n              \"appliesTo\" : [ ]\n            }\n          },\n          \"termAttributes\" : { }\n        }\n      }"
            + (i + 1 < n ? "," : "") + "\n");
      }
      w.write("    }\n  }\n}\n");
      return n;
    }
  }

  private static String sku(long i) {
    return String.format(Locale.ROOT, "BENCH%011d", i);
  }
}
