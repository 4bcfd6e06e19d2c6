package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.CostBands;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.core.SerialQueue;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The optional simulation bands (p5–p95) of the cost curve. Off by default; when {@link #enabled()}
 * the model is simulated ({@link BandSimulator}: a fixed number of runs and seed) on a worker
 * through a {@link SerialQueue} — a newer version of the model replaces a simulation still
 * waiting, and interrupts one already running — and the bands are applied on the UI executor.
 * While a new simulation runs, the bands of the previous version stay, marked {@link #stale()}.
 * Turning the bands off, opening another model or losing the model clears them.
 *
 * <p>Called on the UI thread; tests pass direct or hand-driven executors.
 */
public final class BandsViewModel {
  private static final Object KEY = "bands";

  private final BandSimulator simulator;
  private final SerialQueue queue;
  private final Executor ui;
  private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
  private final ReadOnlyObjectWrapper<CostBands> bands = new ReadOnlyObjectWrapper<>(this, "bands");
  private final ReadOnlyBooleanWrapper simulating = new ReadOnlyBooleanWrapper(this, "simulating", false);
  private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  /** The newest request; a result of any other is dropped. Read by the worker, so atomic. */
  private final AtomicLong generation = new AtomicLong();
  private Evaluation.Valid current;

  // The task running on the worker, so that a newer request can interrupt it.
  private final Object lock = new Object();
  private Thread running;
  private long runningGeneration;

  public BandsViewModel(BandSimulator simulator, Executor worker, Executor ui) {
    this.simulator = simulator;
    this.queue = new SerialQueue(worker);
    this.ui = ui;
    enabled.addListener((o, was, on) -> {
      if (on) {
        request();
      } else {
        clear();
      }
    });
  }

  /** The model was evaluated anew ({@code null}: no model); {@code newDocument}: another model was opened. */
  public void show(Evaluation.Valid ev, boolean newDocument) {
    if (ev == current) {
      return;
    }
    current = ev;
    if (ev == null || newDocument) {
      clear();
    }
    if (ev != null && enabled.get()) {
      request();
    }
  }

  /** Runs per simulation (for the legend). */
  public int runs() {
    return simulator.runs();
  }

  private void request() {
    Evaluation.Valid ev = current;
    if (ev == null) {
      return;
    }
    long gen = generation.incrementAndGet();
    interruptOlderThan(gen);
    simulating.set(true);
    stale.set(bands.get() != null);
    status.set("simulating " + simulator.runs() + " runs…");
    queue.submit(KEY, () -> {
      if (generation.get() != gen) {
        return; // a newer request is queued behind this one
      }
      Outcome outcome;
      synchronized (lock) {
        running = Thread.currentThread();
        runningGeneration = gen;
      }
      try {
        outcome = new Outcome(simulator.simulate(ev), null);
      } catch (RuntimeException e) {
        outcome = new Outcome(null, e.getMessage() == null ? e.toString() : e.getMessage());
      } finally {
        synchronized (lock) {
          running = null;
          Thread.interrupted(); // an interrupt meant for this simulation must not reach the next task
        }
      }
      Outcome done = outcome;
      ui.execute(() -> finished(gen, done));
    });
  }

  private void interruptOlderThan(long gen) {
    synchronized (lock) {
      if (running != null && runningGeneration < gen && running != Thread.currentThread()) {
        running.interrupt();
      }
    }
  }

  private void finished(long gen, Outcome o) {
    if (gen != generation.get()) {
      return; // superseded, or the bands were turned off meanwhile
    }
    simulating.set(false);
    stale.set(false);
    if (o.bands() != null) {
      bands.set(o.bands());
      status.set(String.format(Locale.US, "p5–p95 of %d simulated runs (%.1f s)", o.bands().runs(), o.bands().nanos() / 1e9));
    } else {
      bands.set(null);
      status.set("simulation failed: " + o.error());
    }
  }

  private void clear() {
    long gen = generation.incrementAndGet(); // drops whatever is waiting or running
    interruptOlderThan(gen);
    bands.set(null);
    simulating.set(false);
    stale.set(false);
    status.set("");
  }

  private record Outcome(CostBands bands, String error) {}

  /** Whether the bands are wanted (the checkbox). */
  public BooleanProperty enabled() {
    return enabled;
  }

  /** The bands to draw, or null. Possibly of an earlier version of the model while {@link #stale()}. */
  public ReadOnlyObjectProperty<CostBands> bands() {
    return bands.getReadOnlyProperty();
  }

  /** A simulation is waiting or running. */
  public ReadOnlyBooleanProperty simulating() {
    return simulating.getReadOnlyProperty();
  }

  /** The bands shown were simulated for an earlier version of the model; new ones are on the way. */
  public ReadOnlyBooleanProperty stale() {
    return stale.getReadOnlyProperty();
  }

  /** "simulating 50 runs…", "p5–p95 of 50 simulated runs (0.4 s)", "simulation failed: …", or empty. */
  public ReadOnlyStringProperty status() {
    return status.getReadOnlyProperty();
  }
}
