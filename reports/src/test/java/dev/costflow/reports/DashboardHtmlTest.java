package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.testing.TestModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardHtmlTest {
  static final DashboardHtml.Meta META = new DashboardHtml.Meta("Daily cost", "test fixture", "2025-11-16 08:00 UTC");

  static final String MODEL =
      """
      costflow: 1
      name: shop
      period: 2025-11
      pricing: { as_of: 2025-11-01 }
      services:
        api:
          type: aws.apigateway.http
          traffic: { monthly: 240000000, shape: diurnal }
          calls: [ { to: checkout } ]
        checkout:
          type: aws.lambda
          memory_mb: 1024
          duration_ms: { lognormal: { p50: 60, p99: 400 } }
          calls: [ { to: orders, op: write, per_call: 2 }, { to: events } ]
        orders: { type: aws.dynamodb, storage_gb: 40 }
        events:
          type: aws.sns
          calls: [ { to: mail } ]
        mail: { type: aws.sqs }
      """;

  static String render() {
    Estimate e = TestModels.estimate(MODEL);
    List<DailyCost> rows = BillingFixture.rows();
    return DashboardHtml.render(CostTrends.analyze(rows), ModeledVsActual.compare(e, rows), META);
  }

  @Test
  void golden() {
    Golden.assertMatches("dashboard/fixture.html", render());
  }

  @Test
  void selfContainedAndComplete() {
    String html = render();
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    // nothing is fetched: no URL, no script, no external reference of any kind
    assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)\\b(src|href)\\s*=")
        .doesNotContainPattern("(?i)@import|url\\(");
    assertThat(html).contains("id=\"daily-chart\"", "id=\"moving-average\"", "id=\"forecast\"", "id=\"anomaly-table\"", "id=\"mover-table\"", "id=\"modeled-table\"");
    assertThat(html).contains("Month to date · November 2025").contains("Forecast month-end").contains("90 % interval");
    assertThat(html).contains(BillingFixture.SPIKE_DAY.toString()).contains("Lambda-GB-Second");
    assertThat(html).contains("AmazonCloudWatch <span class=\"tag\">not in the model</span>");
    // 76 days of 7 services, stacked: one rect per service and day
    Matcher m = Pattern.compile("<rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"[^\"]+\" height=\"[^\"]+\" fill=").matcher(html);
    int rects = 0;
    while (m.find()) {
      rects++;
    }
    assertThat(rects).isEqualTo(76 * 7);
  }

  @Test
  void emptyStoreSaysWhatToDo() {
    String html = DashboardHtml.render(CostTrends.analyze(List.of()), Optional.empty(), META);
    assertThat(html).contains("No billing data to show").contains("costflow import");
    assertThat(html).doesNotContain("id=\"daily-chart\"");
  }

  static final String HOSTILE = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)> =HYPERLINK(\"http://e.example\") | ](javascript:alert(3))";

  @Test
  void hostileNamesFromBillsAreEscaped() {
    List<DailyCost> rows = new ArrayList<>(BillingFixture.rows());
    for (DailyCost r : BillingFixture.rows()) {
      if (r.service().equals("AWS Lambda")) {
        rows.add(new DailyCost(r.day(), HOSTILE, HOSTILE, "", 1, "x", r.billedUsd(), r.listUsd()));
      }
    }
    String html = DashboardHtml.render(CostTrends.analyze(rows), ModeledVsActual.compare(TestModels.estimate(MODEL), rows), META);
    assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("\"'>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;");
  }

  // ------------------------------------------------------------------ in the browser

  @Test
  void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
    assumeTrue(Chromium.binary().isPresent(), "chromium is not installed (run .ci/setup-browser.sh): skipping the browser test of the dashboard");
    List<DailyCost> rows = new ArrayList<>(BillingFixture.rows());
    for (DailyCost r : BillingFixture.rows()) {
      if (r.service().equals("AWS Lambda") && r.usageType().equals("Request")) {
        rows.add(new DailyCost(r.day(), HOSTILE, "Request", "", 1, "x", BigDecimal.valueOf(0.5), BigDecimal.valueOf(0.5)));
      }
    }
    Path page = dir.resolve("dashboard.html");
    Files.writeString(page, DashboardHtml.render(CostTrends.analyze(rows), ModeledVsActual.compare(TestModels.estimate(MODEL), rows), META), StandardCharsets.UTF_8);
    Path profile = Files.createDirectories(dir.resolve("profile"));
    String url = page.toUri().toString();
    assertThat(url).startsWith("file:");

    // The DOM as the browser built it: every part is there, and the hostile name stayed text.
    Chromium.Result dom = Chromium.run(profile, List.of("--dump-dom", url));
    assertThat(dom.exit()).as(dom.stderr()).isEqualTo(0);
    String d = dom.stdout();
    assertThat(d).contains("<svg id=\"daily-chart\"").contains("id=\"anomaly-table\"").contains("id=\"mover-table\"").contains("id=\"modeled-table\"");
    assertThat(d).contains("Forecast month-end");
    assertThat(d).doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)<img");
    assertThat(d).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(countOf(d, "<rect ")).isGreaterThan(500);
    assertThat(countOf(d, "<tr")).isGreaterThan(10);

    // What a person sees: a screenshot that is not blank and shows the chart's colours.
    Path png = dir.resolve("dashboard.png");
    Chromium.Result shot = Chromium.run(profile, List.of("--window-size=1200,1900", "--screenshot=" + png, url));
    assertThat(shot.exit()).as(shot.stderr()).isEqualTo(0);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1200);
    assertThat(colourShare(img, 0x0072B2)).as("share of the first service's blue").isGreaterThan(0.005);
    assertThat(colourShare(img, 0xFFFFFF) + colourShare(img, 0xF6F7F9)).as("mostly background, but not only").isLessThan(0.97);
    Path keep = Path.of("target", "dashboard-screenshot.png");
    Files.createDirectories(keep.getParent());
    Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static int countOf(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  static double colourShare(BufferedImage img, int rgb) {
    long hit = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y) & 0xFFFFFF;
        if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) < 8 && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) < 8 && Math.abs((p & 255) - (rgb & 255)) < 8) {
          hit++;
        }
      }
    }
    return hit / (double) (img.getWidth() * (long) img.getHeight());
  }
}
