package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costflow desktop}: the headless screenshot and its errors. */
class DesktopCommandTest {
  @Test
  void screenshotRendersTheWindowHeadless(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("shots/window.png");
    CliTest.Result r = CliTest.run("desktop", CliTest.example("checkout.yaml").toString(), "--screenshot", png.toString(), "--select", "checkout");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote " + png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1440);
    assertThat(img.getHeight()).isEqualTo(900);
    // a real picture, not a blank frame: the dark header, the graph, the amber of the expensive nodes
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        colours.add(img.getRGB(x, y) & 0xF0F0F0);
      }
    }
    assertThat(colours.size()).isGreaterThan(50);
    assertThat(img.getRGB(700, 50) & 0xFFFFFF).as("header colour").isEqualTo(0x1e293b);
    try (var files = Files.list(png.getParent())) {
      assertThat(files).containsExactly(png); // written through a temp file, nothing left behind
    }
  }

  @Test
  void bandsDrawTheSimulatedRangeBehindTheCostCurve(@TempDir Path dir) throws Exception {
    String model = CliTest.example("documents.yaml").toString();
    Path plain = dir.resolve("plain.png");
    Path banded = dir.resolve("bands.png");
    assertThat(CliTest.run("desktop", model, "--screenshot", plain.toString()).code()).isZero();
    CliTest.Result r = CliTest.run("desktop", model, "--screenshot", banded.toString(), "--bands");
    assertThat(r.code()).as(r.err()).isZero();
    // the cost curve's plot (bottom right of the 1440×900 window): amber only with the band
    assertThat(amberPixels(ImageIO.read(plain.toFile()))).isLessThan(20);
    assertThat(amberPixels(ImageIO.read(banded.toFile()))).isGreaterThan(3000);
  }

  static int amberPixels(BufferedImage img) {
    int n = 0;
    for (int y = 580; y < 810; y++) {
      for (int x = 640; x < 1070; x++) {
        int p = img.getRGB(x, y);
        int red = p >> 16 & 0xFF;
        int green = p >> 8 & 0xFF;
        int blue = p & 0xFF;
        if (red > 200 && green > 120 && green < 230 && red - blue > 50) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aBadModelIsExitTwoWithItsPosition(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: x\nservices:\n  fn: {type: aws.lambda, memory_mb: 99999}\n");
    CliTest.Result r = CliTest.run("desktop", bad.toString(), "--screenshot", dir.resolve("x.png").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(bad + ":4:").contains("error: services.fn.memory_mb: must be between 128 and 10240");
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void optionsAreChecked(@TempDir Path dir) {
    String model = CliTest.example("checkout.yaml").toString();
    CliTest.Result small = CliTest.run("desktop", model, "--screenshot", dir.resolve("a.png").toString(), "--size", "800x600");
    assertThat(small.code()).isEqualTo(2);
    assertThat(small.err()).contains("--size: the window is at least 1280x800");
    CliTest.Result notPng = CliTest.run("desktop", model, "--screenshot", dir.resolve("a.jpg").toString());
    assertThat(notPng.code()).isEqualTo(2);
    assertThat(notPng.err()).contains("must end in .png");
    CliTest.Result select = CliTest.run("desktop", model, "--screenshot", dir.resolve("a.png").toString(), "--select", "nope");
    assertThat(select.code()).isEqualTo(2);
    assertThat(select.err()).contains("--select: no service 'nope'");
    assertThat(dir.resolve("a.png")).doesNotExist();
  }

  @Test
  void withoutADisplayTheWindowCannotOpen() {
    Assumptions.assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null, "a display is available here");
    CliTest.Result r = CliTest.run("desktop", CliTest.example("checkout.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no display").contains("--screenshot");
  }
}
