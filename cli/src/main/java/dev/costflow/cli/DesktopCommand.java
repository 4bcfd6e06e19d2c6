package dev.costflow.cli;

import dev.costflow.desktop.Desktop;
import dev.costflow.model.ModelReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "desktop",
    description = {"The JavaFX what-if modeler: the architecture graph with its cost, an inspector to edit services and calls (recomputed as you type), "
        + "scenarios side by side, actuals.", "With --screenshot, renders the main window headless to a PNG and exits (no display needed)."},
    mixinStandardHelpOptions = true)
public final class DesktopCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "A model file to open.")
  Path model;

  @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Render the main window to this PNG headless and exit.")
  Path screenshot;

  @Option(names = "--size", paramLabel = "WxH", defaultValue = "1440x900", description = "Window size of the screenshot, at least 1280x800 (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--select", paramLabel = "SERVICE", description = "Service to select in the screenshot (default: the most expensive).")
  String select;

  @Option(names = "--bands", description = "Show the cost curve's p5–p95 band of 50 simulated runs from the start (the p5–p95 box on the curve); with --screenshot, draw it in the picture.")
  boolean bands;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // Read the model first: a bad model is exit 2 with FILE:LINE:COLUMN messages, like every command.
    if (model != null) {
      ModelReader.read(model);
    }
    if (screenshot != null) {
      int[] wh = parseSize(size);
      if (!screenshot.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
        throw new UserException("--screenshot: the file must end in .png, got " + screenshot);
      }
      byte[] png;
      try {
        png = Desktop.screenshot(Optional.ofNullable(model), wh[0], wh[1], Optional.ofNullable(select), bands);
      } catch (IOException e) {
        throw new UserException("costflow desktop: " + e.getMessage(), e);
      }
      Output.writeAtomically(screenshot, png);
      spec.commandLine().getOut().println("wrote " + screenshot + " (" + wh[0] + "×" + wh[1] + ")");
      return Main.EXIT_OK;
    }
    if (select != null || !size.equals("1440x900")) {
      throw new UserException("--select and --size apply to --screenshot only");
    }
    if (!Desktop.hasDisplay()) {
      throw new UserException("costflow desktop: no display (DISPLAY is not set). Run it on a desktop, or render the window with --screenshot FILE.png.");
    }
    try {
      Desktop.launch(Optional.ofNullable(model), bands);
    } catch (IOException e) {
      throw new UserException("costflow desktop: " + e.getMessage(), e);
    }
    return Main.EXIT_OK;
  }

  static int[] parseSize(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{3,5})[x×](\\d{3,5})$").matcher(s.strip());
    if (!m.matches()) {
      throw new UserException("--size: expected WIDTHxHEIGHT such as 1440x900, got '" + s + "'");
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    if (w < 1280 || h < 800 || w > 7680 || h > 4320) {
      throw new UserException("--size: the window is at least 1280x800 and at most 7680x4320, got " + s);
    }
    return new int[] {w, h};
  }
}
