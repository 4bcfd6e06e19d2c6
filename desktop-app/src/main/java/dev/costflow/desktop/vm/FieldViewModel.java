package dev.costflow.desktop.vm;

import dev.costflow.yaml.Position;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable value of the inspector: a model key shown as a text field (a number or any YAML
 * value), a choice, or a number with a slider. What the user types is sent to the model as it is
 * typed; the reader validates it and its message comes back in {@link #error()}. Plain Java over
 * JavaFX properties: no toolkit needed, testable without a window.
 */
public final class FieldViewModel {
  public enum Editor {
    /** A YAML value typed as text (numbers, words, {@code {lognormal: {p50: 120, p99: 900}}}). */
    TEXT,
    /** One of {@link #choices()}. */
    CHOICE,
    /** Read-only information. */
    INFO
  }

  /**
   * A slider for a number: linear or logarithmic between {@code min} and {@code max}; {@code snap}
   * rounds to a multiple (0 for none); {@code decimals} digits after the point when not snapped.
   */
  public record SliderSpec(double min, double max, boolean log, double snap, int decimals) {
    public double toSlider(double v) {
      double c = Math.max(min, Math.min(max, v));
      return log ? Math.log10(Math.max(c, 1e-12)) : c;
    }

    public double fromSlider(double s) {
      double v = log ? Math.pow(10, s) : s;
      if (snap > 0) {
        v = Math.max(min, Math.round(v / snap) * snap);
      }
      return Math.max(min, Math.min(max, v));
    }

    public double sliderMin() {
      return log ? Math.log10(Math.max(min, 1e-12)) : min;
    }

    public double sliderMax() {
      return log ? Math.log10(max) : max;
    }

    /** The number written into the field: snapped, or rounded to a readable precision. */
    public String format(double v) {
      if (snap > 0 || v == Math.rint(v) && Math.abs(v) < 1e15 && decimals == 0) {
        return Long.toString(Math.round(v));
      }
      BigDecimal b;
      if (log) {
        b = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_UP));
      } else {
        b = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP);
      }
      b = b.stripTrailingZeros();
      return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }
  }

  private final String id;
  private final List<String> path;
  private final String label;
  private final String help;
  private final String placeholder;
  private final Editor editor;
  private final List<String> choices;
  private final Optional<SliderSpec> slider;
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final StringProperty error = new SimpleStringProperty(this, "error", "");
  private final DoubleProperty sliderValue = new SimpleDoubleProperty(this, "slider", 0);
  private final BooleanProperty pending = new SimpleBooleanProperty(this, "pending", false);
  private BiConsumer<FieldViewModel, YNode> onEdit = (f, v) -> {};
  private boolean quiet;
  private int gesture;

  public FieldViewModel(String id, List<String> path, String label, String help, String placeholder, Editor editor, List<String> choices, Optional<SliderSpec> slider) {
    this.id = Objects.requireNonNull(id);
    this.path = List.copyOf(path);
    this.label = label;
    this.help = help;
    this.placeholder = placeholder;
    this.editor = editor;
    this.choices = List.copyOf(choices);
    this.slider = slider;
    text.addListener((o, was, now) -> {
      if (quiet) {
        return;
      }
      syncSlider(now);
      send(now);
    });
    sliderValue.addListener((o, was, now) -> {
      if (quiet || slider.isEmpty()) {
        return;
      }
      String t = slider.get().format(slider.get().fromSlider(now.doubleValue()));
      if (!t.equals(text.get())) {
        quiet = true;
        try {
          text.set(t);
        } finally {
          quiet = false;
        }
        send(t);
      }
    });
  }

  void onEdit(BiConsumer<FieldViewModel, YNode> handler) {
    this.onEdit = handler;
  }

  private void send(String typed) {
    Optional<YNode> v = parse(typed);
    if (v.isEmpty()) {
      return;
    }
    pending.set(true);
    onEdit.accept(this, v.get());
  }

  /** The typed text as a YAML value; empty text means "the default" (null). Reports YAML syntax errors itself. */
  Optional<YNode> parse(String typed) {
    String t = typed == null ? "" : typed.strip();
    if (t.isEmpty()) {
      return Optional.of(new YScalar("", YScalar.Kind.NULL, Position.of(id)));
    }
    try {
      YNode n = YTrees.parse(t, id);
      if (n instanceof dev.costflow.yaml.YMap m && m.isEmpty() && !t.equals("{}")) {
        return Optional.of(new YScalar("", YScalar.Kind.NULL, Position.of(id)));
      }
      return Optional.of(n);
    } catch (YTrees.SyntaxException e) {
      error.set(label + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private void syncSlider(String typed) {
    if (slider.isEmpty()) {
      return;
    }
    try {
      double v = Double.parseDouble(typed.strip().replace("_", ""));
      quiet = true;
      try {
        sliderValue.set(slider.get().toSlider(v));
      } finally {
        quiet = false;
      }
    } catch (NumberFormatException e) {
      // not a plain number: the slider stays
    }
  }

  /** Shows the model's value without sending it back as an edit. */
  public void show(String value) {
    quiet = true;
    try {
      text.set(value);
      if (slider.isPresent()) {
        try {
          double v = value.isBlank() ? Double.parseDouble(placeholderNumber()) : Double.parseDouble(value.strip().replace("_", ""));
          sliderValue.set(slider.get().toSlider(v));
        } catch (NumberFormatException e) {
          sliderValue.set(slider.get().sliderMin());
        }
      }
    } finally {
      quiet = false;
    }
  }

  private String placeholderNumber() {
    String p = placeholder.replaceAll("[^0-9.eE+-]", " ").strip();
    int sp = p.indexOf(' ');
    return sp < 0 ? p : p.substring(0, sp);
  }

  /** The reader's verdict on the last edit: empty when it was applied. */
  public void result(String message) {
    pending.set(false);
    error.set(message);
  }

  /** The user finished a gesture (released the slider, left the field): the next change is a new undo step. */
  public void endGesture() {
    gesture++;
  }

  /** Edits of one gesture share this key, so undo takes back the whole drag or typing. */
  public String mergeKey() {
    return id + "#" + gesture;
  }

  /** A user's edit not yet accepted (still computing, or refused): the model must not overwrite it. */
  public boolean holdsUserText() {
    return pending.get() || !error.get().isEmpty();
  }

  public String id() {
    return id;
  }

  public List<String> path() {
    return path;
  }

  public String label() {
    return label;
  }

  public String help() {
    return help;
  }

  public String placeholder() {
    return placeholder;
  }

  public Editor editor() {
    return editor;
  }

  public List<String> choices() {
    return choices;
  }

  public Optional<SliderSpec> slider() {
    return slider;
  }

  public StringProperty text() {
    return text;
  }

  public StringProperty error() {
    return error;
  }

  public DoubleProperty sliderValue() {
    return sliderValue;
  }

  public BooleanProperty pending() {
    return pending;
  }
}
