package dev.costflow.importers.bills;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costflow.actuals.ActualLine;
import dev.costflow.billing.BillingStore;
import dev.costflow.pricing.UsageTypeIndex;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

class CostExplorerImporterTest {
  static WireMockServer wm;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void credentials() {
    wm.resetAll();
    // the default provider chain reads these first (SystemPropertyCredentialsProvider)
    System.setProperty("aws.accessKeyId", "AKIAFAKEFORTESTS");
    System.setProperty("aws.secretAccessKey", "fake-secret");
  }

  @AfterEach
  void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  static String group(String service, String usageType, String cost, String amortized, String qty, String unit) {
    return "{\"Keys\":[\"" + service + "\",\"" + usageType + "\"],\"Metrics\":{\"UnblendedCost\":{\"Amount\":\"" + cost + "\",\"Unit\":\"USD\"},"
        + "\"AmortizedCost\":{\"Amount\":\"" + amortized + "\",\"Unit\":\"USD\"},\"UsageQuantity\":{\"Amount\":\"" + qty + "\",\"Unit\":\"" + unit + "\"}}}";
  }

  static String page(String day, String next, boolean estimated, String... groups) {
    LocalDate d = LocalDate.parse(day);
    return "{\"GroupDefinitions\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},{\"Type\":\"DIMENSION\",\"Key\":\"USAGE_TYPE\"}],"
        + "\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"" + day + "\",\"End\":\"" + d.plusDays(1) + "\"},\"Total\":{},\"Groups\":[" + String.join(",", groups)
        + "],\"Estimated\":" + estimated + "}],\"DimensionValueAttributes\":[]" + (next == null ? "" : ",\"NextPageToken\":\"" + next + "\"") + "}";
  }

  private void stub(String bodyMatch, String response) {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage"))
        .withRequestBody(bodyMatch == null ? matching("^(?!.*NextPageToken).*$") : containing(bodyMatch))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(response)));
  }

  @Test
  void readsEveryPageIntoTheStoreAndReplacesTheRangeOnReimport() throws Exception {
    stub(null, page("2025-11-01", "tok-2", false,
        group("AWS Lambda", "Request", "0.2000000000", "0.2", "1000000", "Requests"),
        group("AWS Lambda", "Lambda-GB-Second-ARM", "1.33334", "1.33334", "100000", "Lambda-GB-Second"),
        group("Tax", "NoUsageType", "0.5", "0.5", "0", "N/A")));
    stub("\"NextPageToken\":\"tok-2\"", page("2025-11-02", null, true,
        group("Amazon Simple Queue Service", "USE2-Requests-Tier1", "4.0E-7", "4.0E-7", "1", "Requests"),
        group("Amazon API Gateway", "USE1-ApiGatewayHttpRequest", "1.5", "1.5", "1500000", "Requests")));
    CostExplorerClient client = CostExplorerImporter.client(Optional.of(URI.create(wm.baseUrl())));
    CostExplorerImporter ce = new CostExplorerImporter(UsageTypeIndex.bundled());
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      CostExplorerImporter.Outcome o = ce.run(store, client, new CostExplorerImporter.Options(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 3), ""), Progress.NONE);
      assertThat(o.pages()).isEqualTo(2);
      assertThat(o.estimatedDays()).isEqualTo(1);
      assertThat(o.stats().rowsRead()).isEqualTo(5);
      assertThat(store.billedTotal()).isEqualByComparingTo(new BigDecimal("3.5333404"));
      List<ActualLine> lines = store.actualLines(Optional.empty(), Optional.empty());
      assertThat(lines).anySatisfy(l -> {
        assertThat(l.meterId()).contains("aws.lambda.duration.arm64");
        assertThat(l.unit()).isEqualTo("GB-s");
        assertThat(l.quantity()).isEqualTo(100000);
        assertThat(l.day()).isEqualTo(LocalDate.of(2025, 11, 1));
      });
      assertThat(lines).anySatisfy(l -> {
        assertThat(l.meterId()).contains("aws.sqs.requests");
        assertThat(l.region()).isEqualTo("us-east-2");
        assertThat(l.billedUsd()).isEqualByComparingTo("0.0000004");
      });
      assertThat(lines).anySatisfy(l -> assertThat(l.chargeCategory()).isEqualTo("Tax"));
      assertThat(lines).anySatisfy(l -> assertThat(l.meterId()).contains("aws.apigateway.http.requests"));

      ce.run(store, client, new CostExplorerImporter.Options(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 3), ""), Progress.NONE);
      assertThat(store.billedTotal()).isEqualByComparingTo(new BigDecimal("3.5333404"));
    }
    wm.verify(2 * 2, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("Credential=AKIAFAKEFORTESTS/"))
        .withHeader("Authorization", containing("/us-east-1/ce/aws4_request")));
    wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("\"Granularity\":\"DAILY\""))
        .withRequestBody(containing("\"Start\":\"2025-11-01\"")).withRequestBody(containing("\"End\":\"2025-11-03\"")));
  }

  @Test
  void badAmountsFailWithoutStoring() throws Exception {
    stub(null, page("2025-11-01", null, false, group("AWS Lambda", "Request", "12,5", "1", "1", "Requests")));
    CostExplorerClient client = CostExplorerImporter.client(Optional.of(URI.create(wm.baseUrl())));
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      assertThatThrownBy(() -> new CostExplorerImporter(UsageTypeIndex.bundled()).run(store, client,
          new CostExplorerImporter.Options(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 2), ""), Progress.NONE))
          .isInstanceOf(BillImportException.class).hasMessageContaining("'12,5' is not a number");
      assertThat(store.lineCount()).isZero();
    }
  }

  @Test
  void endpointComesFromTheStandardSettings() throws Exception {
    assertThat(CostExplorerImporter.endpointFromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"))).contains(URI.create("http://127.0.0.1:1"));
    assertThat(CostExplorerImporter.endpointFromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_COST_EXPLORER", "http://b:2")))
        .contains(URI.create("http://b:2"));
    assertThat(CostExplorerImporter.endpointFromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(() -> CostExplorerImporter.endpointFromEnvironment(Map.of("AWS_ENDPOINT_URL", "not a url"))).isInstanceOf(BillImportException.class);
  }
}
