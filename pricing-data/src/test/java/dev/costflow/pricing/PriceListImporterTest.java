package dev.costflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS Price List offer-file importer on a real-format fixture and on broken files. */
class PriceListImporterTest {
  static final Path FIXTURE = Path.of("src/test/resources/pricelist/AWSLambda-us-west-2.json");

  static PriceListImporter.Result importFixture() {
    return new PriceListImporter(CatalogLoader.bundled()).read(FIXTURE, Optional.empty());
  }

  static PriceListImporter.Imported rate(PriceListImporter.Result r, String meter) {
    return r.rates().stream().filter(i -> i.rate().meterId().equals(meter)).findFirst().orElseThrow(() -> new AssertionError("no rate of " + meter));
  }

  @Test
  void readsTheLambdaOfferForUsWest2() {
    PriceListImporter.Result r = importFixture();
    assertThat(r.offerCode()).isEqualTo("AWSLambda");
    assertThat(r.version()).isEqualTo("20251001000000");
    assertThat(r.rates()).extracting(i -> i.rate().meterId()).containsExactly(
        "aws.lambda.duration.arm64", "aws.lambda.duration.x86_64", "aws.lambda.provisioned_concurrency.x86_64", "aws.lambda.provisioned_duration.x86_64",
        "aws.lambda.requests");
    assertThat(r.rates()).allSatisfy(i -> {
      assertThat(i.rate().region()).isEqualTo("us-west-2");
      assertThat(i.rate().effectiveFrom()).isEqualTo(LocalDate.of(2025, 10, 1));
      assertThat(i.rate().source()).contains(i.sku());
    });
    Rate x86 = rate(r, "aws.lambda.duration.x86_64").rate();
    assertThat(x86.tiers()).hasSize(3);
    assertThat(x86.tiers().get(0).upToQuantity()).contains(new BigDecimal("6000000000"));
    assertThat(x86.tiers().get(1).usdPerUnit()).isEqualByComparingTo("0.000015");
    assertThat(x86.tiers().get(2).upToQuantity()).isEmpty();
    // x86 and Arm requests map to one meter and agree: one rate, no warning
    assertThat(r.rates().stream().filter(i -> i.rate().meterId().equals("aws.lambda.requests"))).hasSize(1);
    assertThat(r.warnings()).isEmpty();
    // the storage meter and the global free-tier product are not read
    assertThat(r.skippedUsageTypes()).containsEntry("Lambda-Storage-GB-Second", 1).containsEntry("Global-Request", 1);
  }

  @Test
  void comparesWithTheBundledRate() {
    PriceListImporter.Imported i = rate(importFixture(), "aws.lambda.duration.x86_64");
    // the bundled us-west-2 rate (2022-08-01) is the one in effect before the imported day
    assertThat(i.previous()).isPresent();
    assertThat(i.previous().get().effectiveFrom()).isEqualTo(LocalDate.of(2022, 8, 1));
    assertThat(i.previous().get().firstTierUsd()).isEqualByComparingTo(i.rate().firstTierUsd());
  }

  @Test
  void importedRatesReplaceByDayInTheInstalledCatalog(@TempDir Path home) throws IOException {
    Path dir = home.resolve("imported");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("AWSLambda-us-west-2.yaml"), """
        cloud: aws
        meters:
          - id: aws.lambda.requests
            unit: requests
            rates:
              - {region: us-west-2, from: 2027-01-01, usd: 0.00000025, source: "test offer"}
              - {region: il-central-1, from: 2025-10-01, usd: 0.00000022, source: "test offer"}
        """);
    Catalog c = CatalogLoader.installed(dir);
    assertThat(c.rate("aws.lambda.requests", "us-west-2", Optional.of(LocalDate.of(2026, 12, 31))).firstTierUsd()).isEqualByComparingTo("0.0000002");
    assertThat(c.rate("aws.lambda.requests", "us-west-2", Optional.empty()).firstTierUsd()).isEqualByComparingTo("0.00000025");
    assertThat(c.rate("aws.lambda.requests", "il-central-1", Optional.empty()).firstTierUsd()).isEqualByComparingTo("0.00000022");
    // a newer imported day moves the default as_of
    assertThat(c.asOf()).isEqualTo(LocalDate.of(2027, 1, 1));
    // the free tier and the other meters are the bundled ones
    assertThat(c.freeTiers("aws.lambda.requests", Optional.empty())).hasSize(1);
    assertThat(c.meters()).hasSameSizeAs(CatalogLoader.bundled().meters());
  }

  @Test
  void anImportedFileNamingAnUnknownMeterIsRejected(@TempDir Path home) throws IOException {
    Files.writeString(home.resolve("x.yaml"), "meters:\n  - {id: aws.nothing, unit: x, rates: [{region: us-east-1, from: 2025-01-01, usd: 1, source: s}]}\n");
    assertThatThrownBy(() -> CatalogLoader.installed(home)).isInstanceOf(CatalogException.class).hasMessageContaining("x.yaml").hasMessageContaining("aws.nothing");
  }

  @Test
  void missingDirectoryMeansNothingImported(@TempDir Path home) {
    assertThat(CatalogLoader.installed(home.resolve("none"))).isSameAs(CatalogLoader.bundled());
  }

  static PriceListImporter.Result readText(String json) {
    return new PriceListImporter(CatalogLoader.bundled()).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "offer.json", Optional.empty());
  }

  @Test
  void brokenJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> readText("{\n  \"offerCode\" : \"AWSLambda\",\n  \"products\" : { \"A\" : {,}\n}"))
        .isInstanceOf(CatalogException.class).hasMessageStartingWith("offer.json:3:").hasMessageContaining("error: not valid JSON");
  }

  @Test
  void rejectsOtherFilesAndOffers() {
    assertThatThrownBy(() -> readText("[1, 2]")).hasMessageContaining("offer.json:1:").hasMessageContaining("offer file is a JSON object");
    assertThatThrownBy(() -> readText("{\"offerCode\": \"AmazonRekognition\", \"products\": {}, \"terms\": {}}"))
        .hasMessageContaining("offer AmazonRekognition has no catalog meters");
    assertThatThrownBy(() -> readText("{\"name\": \"x\"}")).hasMessageContaining("not an AWS Price List offer file");
    assertThatThrownBy(() -> readText("{\"offerCode\": \"AWSLambda\", \"terms\": {}, \"products\": {}}")).hasMessageContaining("'terms' comes before 'products'");
  }

  @Test
  void badPricesAndRegionsAreNamed() {
    String product = "\"products\": {\"S1\": {\"sku\": \"S1\", \"attributes\": {\"usagetype\": \"Request\", \"location\": \"Nowhere\"}}}";
    assertThatThrownBy(() -> readText("{\"offerCode\": \"AWSLambda\", " + product + ", \"terms\": {}}")).hasMessageContaining("names no region this catalog knows");
    String ok = "\"products\": {\"S1\": {\"sku\": \"S1\", \"attributes\": {\"usagetype\": \"EU-Request\", \"location\": \"EU (Ireland)\"}}}";
    String badPrice = "\"terms\": {\"OnDemand\": {\"S1\": {\"S1.T\": {\"effectiveDate\": \"2025-10-01T00:00:00Z\", \"priceDimensions\": {\"d\": {\"pricePerUnit\": {\"USD\": \"abc\"}}}}}}}";
    assertThatThrownBy(() -> readText("{\"offerCode\": \"AWSLambda\", " + ok + ", " + badPrice + "}")).hasMessageContaining("has no USD price");
    String goodPrice = "\"terms\": {\"OnDemand\": {\"S1\": {\"S1.T\": {\"effectiveDate\": \"2025-10-01T00:00:00Z\", \"priceDimensions\": {\"d\": {\"beginRange\": \"0\", \"endRange\": \"Inf\", \"unit\": \"Requests\", \"pricePerUnit\": {\"USD\": \"0.0000002100\"}}}}}}}";
    PriceListImporter.Result r = readText("{\"offerCode\": \"AWSLambda\", " + ok + ", " + goodPrice + "}");
    // the EU- prefix and the EU (Ireland) location both say eu-west-1
    assertThat(r.rates()).singleElement().satisfies(i -> {
      assertThat(i.rate().region()).isEqualTo("eu-west-1");
      assertThat(i.rate().firstTierUsd()).isEqualByComparingTo("0.00000021");
      assertThat(i.usageType()).isEqualTo("Request");
    });
  }

  @Test
  void aFreeFirstRangeFoldsIntoTheMetersFreeTier() {
    String product = "\"products\": {\"Q\": {\"sku\": \"Q\", \"attributes\": {\"usagetype\": \"USE2-Requests-Tier1\", \"regionCode\": \"us-east-2\"}}}";
    String terms = "\"terms\": {\"OnDemand\": {\"Q\": {\"Q.T\": {\"effectiveDate\": \"2025-10-01T00:00:00Z\", \"priceDimensions\": {"
        + "\"a\": {\"beginRange\": \"0\", \"endRange\": \"1000000\", \"pricePerUnit\": {\"USD\": \"0\"}},"
        + "\"b\": {\"beginRange\": \"1000000\", \"endRange\": \"100000000000\", \"pricePerUnit\": {\"USD\": \"0.0000004\"}},"
        + "\"c\": {\"beginRange\": \"100000000000\", \"endRange\": \"Inf\", \"pricePerUnit\": {\"USD\": \"0.0000003\"}}}}}}}";
    PriceListImporter.Result r = readText("{\"offerCode\": \"AWSQueueService\", " + product + ", " + terms + "}");
    Rate rate = r.rates().get(0).rate();
    assertThat(rate.meterId()).isEqualTo("aws.sqs.requests");
    assertThat(rate.tiers()).hasSize(2);
    assertThat(rate.firstTierUsd()).isEqualByComparingTo("0.0000004");
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("free first range"));
  }

  @Test
  void regionsAndBillPrefixes() {
    Catalog c = CatalogLoader.bundled();
    assertThat(c.usageTypePrefix("us-east-2")).contains("USE2-");
    assertThat(c.usageTypePrefix("eu-west-1")).contains("EU-");
    assertThat(c.usageTypePrefix("ap-south-1")).contains("APS3-");
    assertThat(c.region("us-east-1").orElseThrow().prefixOptional()).isTrue();
    assertThat(c.regionByBillingCode("APS6").orElseThrow().code()).isEqualTo("ap-southeast-4");
    assertThat(c.regionByPriceListLocation("EU (Frankfurt)").orElseThrow().code()).isEqualTo("eu-central-1");
    assertThat(c.usageTypePrefix("eastus")).isEmpty();
    List<String> codes = c.regions().stream().filter(r -> r.cloud().equals("aws")).map(r -> r.billingCode().orElseThrow()).toList();
    assertThat(codes).doesNotHaveDuplicates().hasSize(34);
  }
}
