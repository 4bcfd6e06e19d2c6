package dev.costflow.diff;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.pricing.CatalogException;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two models and explains the cost difference: totals, per-service deltas and the
 * <em>drivers</em>, the model changes with the cost each one causes. Used by {@code costflow diff}
 * (code review) and by the desktop app's scenario comparison.
 *
 * <h2>Changes</h2>
 * The two model trees are compared key by key into {@link Change}s: model settings
 * ({@code period}, {@code region}, each {@code pricing} key and each price override), services
 * added, removed or replaced (type changed), each changed key of a service (a distribution such as
 * {@code duration_ms} is one value; the traffic rate is one change even when its key changes from
 * {@code monthly} to {@code daily}), and calls added, removed or changed key by key. Calls are
 * matched by their target (the n-th call to {@code orders} in the base is the n-th in the head),
 * not by their index. {@code samples:}/{@code series:} files compare by content.
 *
 * <h2>Drivers: one change at a time</h2>
 * Each change is applied <em>alone</em> to the base model, together with the changes it requires
 * to stay a valid model ({@link Change#requires()}: a call into a new service needs that service;
 * removing a service needs the calls into it removed), and its effect is
 * {@code cost(base + required + change) − cost(base + required)} ({@link Driver.Measure#ALONE_ON_BASE}).
 * This makes every effect independent of the order of the changes: "memory 512 → 1024 MB on
 * checkout: +$41.20" is exactly what that change does to the base model.
 *
 * <p>Where the base plus the change is not a valid model (for example the change closes a cycle
 * that another change opens), the change is measured last instead: the head model without it
 * (and without the changes that require it) versus the head ({@link Driver.Measure#LAST_ON_HEAD}).
 * If neither is valid it is {@link Driver.Measure#NOT_PRICED}.
 *
 * <p>Effects of changes measured alone do not add up when changes act together: doubling traffic
 * and doubling memory costs more than the two alone (the product term), and pooled tiers or free
 * tiers crossed by two changes together belong to neither. That part is reported as
 * {@link CostDiff#interactionUsd()}, defined as {@code delta − Σ effects}, so that the drivers and
 * the interaction add up exactly to the total change.
 *
 * <p>Cost: one estimate per change plus one per distinct set of required changes; each estimate of
 * a small model takes about a millisecond.
 */
public final class ModelDiff {
  private final Estimator estimator;

  public ModelDiff(Estimator estimator) {
    this.estimator = Objects.requireNonNull(estimator);
  }

  public static ModelDiff bundled() {
    return new ModelDiff(Estimator.bundled());
  }

  public Estimator estimator() {
    return estimator;
  }

  /**
   * One side of a comparison: the model tree (after any {@code --set}) and the directory its
   * {@code samples:}/{@code series:} files are relative to; an empty tree is a model that does not
   * exist (a model added or deleted in a change: everything in the other model is added or
   * removed).
   */
  public record Input(Optional<YNode> tree, Path baseDir, String label) {
    public Input {
      Objects.requireNonNull(tree);
      Objects.requireNonNull(baseDir);
      Objects.requireNonNull(label);
    }

    public static Input of(YNode tree, Path baseDir, String label) {
      return new Input(Optional.of(tree), baseDir, label);
    }

    /** A model read from a file: its tree, and its file's directory. */
    public static Input of(Model model) {
      Path dir = model.source().map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("."));
      return new Input(Optional.of(model.tree()), dir == null ? Path.of(".") : dir, model.source().map(Path::toString).orElse(model.name()));
    }

    public static Input missing(String label) {
      return new Input(Optional.empty(), Path.of("."), label);
    }
  }

  /** Compares two models read from files. */
  public CostDiff compare(Model base, Model head) {
    return compare(Input.of(base), Input.of(head));
  }

  /**
   * Compares two models. Throws {@link ModelException} when either existing side is not a valid
   * model (with positions in that model's file).
   */
  public CostDiff compare(Input base, Input head) {
    if (base.tree().isEmpty() && head.tree().isEmpty()) {
      throw new IllegalArgumentException("nothing to compare: neither model exists");
    }
    Optional<Estimate> baseEst = base.tree().map(t -> estimator.estimate(ModelReader.read(t, base.baseDir(), Optional.empty())));
    Optional<Estimate> headEst = head.tree().map(t -> estimator.estimate(ModelReader.read(t, head.baseDir(), Optional.empty())));

    TreeChanges.Side headSide = head.tree().map(t -> new TreeChanges.Side(t, head.baseDir())).orElse(null);
    TreeChanges.Side baseSide = base.tree().map(t -> new TreeChanges.Side(t, base.baseDir())).orElse(null);
    boolean settings = baseSide != null && headSide != null;
    if (baseSide == null) {
      baseSide = headSide.withoutServices();
    }
    if (headSide == null) {
      headSide = baseSide.withoutServices();
    }
    List<Change> changes = TreeChanges.changes(baseSide, headSide, settings);

    Evaluator ev = new Evaluator(baseSide.root, changes, baseEst.map(Estimate::totalUsd).orElse(BigDecimal.ZERO));
    List<Driver> drivers = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    BigDecimal explained = BigDecimal.ZERO;
    for (Change c : changes) {
      Driver d = ev.measure(c);
      drivers.add(d);
      if (d.measured() == Driver.Measure.NOT_PRICED) {
        warnings.add(Diagnostic.warning(Position.of(head.label()),
            "the change \"" + c.description() + "\" cannot be priced on its own (neither the base with it nor the head without it is a valid model); its effect is part of the interaction"));
      } else {
        explained = explained.add(d.effectUsd());
      }
    }
    BigDecimal delta = headEst.map(Estimate::totalUsd).orElse(BigDecimal.ZERO).subtract(baseEst.map(Estimate::totalUsd).orElse(BigDecimal.ZERO));
    BigDecimal interaction = delta.subtract(explained);

    List<Driver> sorted = new ArrayList<>(drivers);
    sorted.sort(CostDiff.LARGEST_FIRST); // stable: ties keep model order
    List<ServiceDelta> services = serviceDeltas(baseSide, headSide, baseEst, headEst);
    return new CostDiff(baseEst, headEst, services, sorted, interaction, warnings);
  }

  // ------------------------------------------------------------------ per service

  private static List<ServiceDelta> serviceDeltas(TreeChanges.Side baseSide, TreeChanges.Side headSide, Optional<Estimate> base, Optional<Estimate> head) {
    YMap bs = TreeChanges.servicesOf(baseSide.root);
    YMap hs = TreeChanges.servicesOf(headSide.root);
    List<ServiceDelta> out = new ArrayList<>();
    for (String id : TreeChanges.union(bs, hs)) {
      Optional<ServiceCost> b = base.flatMap(e -> e.service(id));
      Optional<ServiceCost> h = head.flatMap(e -> e.service(id));
      BigDecimal bu = b.map(ServiceCost::costUsd).orElse(BigDecimal.ZERO);
      BigDecimal hu = h.map(ServiceCost::costUsd).orElse(BigDecimal.ZERO);
      boolean defChanged = bs.get(id).isEmpty() || hs.get(id).isEmpty() || !TreeChanges.sameService(baseSide, headSide, bs.get(id).get(), hs.get(id).get());
      ServiceDelta.Status status;
      if (b.isEmpty()) {
        status = ServiceDelta.Status.ADDED;
      } else if (h.isEmpty()) {
        status = ServiceDelta.Status.REMOVED;
      } else if (defChanged || bu.subtract(hu).abs().compareTo(CostDiff.NEGLIGIBLE_USD) >= 0) {
        status = ServiceDelta.Status.CHANGED;
      } else {
        status = ServiceDelta.Status.UNCHANGED;
      }
      out.add(new ServiceDelta(id, status, b.map(ServiceCost::type), h.map(ServiceCost::type), bu, hu, defChanged, lines(b, h)));
    }
    return out;
  }

  private static List<LineDelta> lines(Optional<ServiceCost> b, Optional<ServiceCost> h) {
    Map<String, LineCost> bl = new LinkedHashMap<>();
    Map<String, LineCost> hl = new LinkedHashMap<>();
    b.ifPresent(s -> s.lines().forEach(l -> bl.put(l.meter() + "|" + l.meterId(), l)));
    h.ifPresent(s -> s.lines().forEach(l -> hl.put(l.meter() + "|" + l.meterId(), l)));
    Set<String> keys = new LinkedHashSet<>(hl.keySet());
    keys.addAll(bl.keySet());
    List<LineDelta> out = new ArrayList<>();
    for (String k : keys) {
      LineCost x = bl.get(k);
      LineCost y = hl.get(k);
      LineCost any = y != null ? y : x;
      out.add(new LineDelta(any.meter(), any.meterId(), any.unit(), x == null ? 0 : x.quantity(), y == null ? 0 : y.quantity(),
          x == null ? BigDecimal.ZERO : x.costUsd(), y == null ? BigDecimal.ZERO : y.costUsd()));
    }
    return out;
  }

  // ------------------------------------------------------------------ evaluation

  /** Prices the base with subsets of the changes applied; remembers every subset it priced. */
  private final class Evaluator {
    private final YMap base;
    private final List<Change> changes;
    private final Map<String, Change> byKey = new LinkedHashMap<>();
    private final Map<Set<String>, Optional<BigDecimal>> cache = new HashMap<>();

    Evaluator(YMap base, List<Change> changes, BigDecimal baseTotal) {
      this.base = base;
      this.changes = changes;
      for (Change c : changes) {
        byKey.put(c.key(), c);
      }
      cache.put(Set.of(), Optional.of(baseTotal));
    }

    Driver measure(Change c) {
      Set<String> required = closure(c);
      required.remove(c.key());
      Optional<BigDecimal> with = cost(plus(required, c.key()));
      Optional<BigDecimal> without = cost(required);
      if (with.isPresent() && without.isPresent()) {
        return new Driver(c, with.get().subtract(without.get()), Driver.Measure.ALONE_ON_BASE);
      }
      // Measured last: the head without this change (and without what depends on it).
      Set<String> all = new LinkedHashSet<>(byKey.keySet());
      all.removeAll(dependents(c));
      Optional<BigDecimal> headish = cost(all);
      Set<String> less = new LinkedHashSet<>(all);
      less.remove(c.key());
      Optional<BigDecimal> headLess = cost(less);
      if (headish.isPresent() && headLess.isPresent()) {
        return new Driver(c, headish.get().subtract(headLess.get()), Driver.Measure.LAST_ON_HEAD);
      }
      return new Driver(c, BigDecimal.ZERO, Driver.Measure.NOT_PRICED);
    }

    private Set<String> plus(Set<String> s, String k) {
      Set<String> out = new LinkedHashSet<>(s);
      out.add(k);
      return out;
    }

    /** The change and everything it requires, transitively. */
    private Set<String> closure(Change c) {
      Set<String> out = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>(List.of(c.key()));
      while (!todo.isEmpty()) {
        String k = todo.remove(todo.size() - 1);
        if (out.add(k)) {
          Change x = byKey.get(k);
          if (x != null) {
            todo.addAll(x.requires());
          }
        }
      }
      return out;
    }

    /** The changes that require this one, transitively (the change itself excluded). */
    private Set<String> dependents(Change c) {
      Set<String> out = new LinkedHashSet<>();
      for (Change d : changes) {
        if (!d.key().equals(c.key()) && closure(d).contains(c.key())) {
          out.add(d.key());
        }
      }
      return out;
    }

    /** Total cost of the base with these changes applied; empty when that is not a valid model. */
    private Optional<BigDecimal> cost(Set<String> keys) {
      Set<String> key = Set.copyOf(keys);
      Optional<BigDecimal> cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      List<Change> apply = changes.stream().filter(ch -> key.contains(ch.key())).toList();
      YMap tree = TreeChanges.denormalize(TreeChanges.apply(base, apply));
      Optional<BigDecimal> result;
      if (!TreeChanges.hasServices(tree)) {
        result = Optional.of(BigDecimal.ZERO);
      } else {
        try {
          Model m = ModelReader.read(tree, Path.of("."), Optional.empty());
          result = Optional.of(estimator.estimate(m).totalUsd());
        } catch (ModelException | CatalogException | IllegalArgumentException | ArithmeticException e) {
          result = Optional.empty();
        }
      }
      cache.put(key, result);
      return result;
    }
  }
}
