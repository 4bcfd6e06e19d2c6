package dev.costflow.desktop.core;

import dev.costflow.desktop.graph.GraphLayout;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.pricing.CatalogException;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads, validates and prices a model tree with the project's one {@link Estimator}, then
 * prepares what the window draws (layout, breakdown, curve). Safe to call from any one thread at a
 * time; the estimator and its catalog are loaded once.
 */
public final class Evaluator {
  private final Estimator estimator;
  /** The last layout, reused while the graph keeps its shape (edits of values move no box). */
  private volatile GraphLayout lastLayout;

  public Evaluator(Estimator estimator) {
    this.estimator = estimator;
  }

  public static Evaluator bundled() {
    return new Evaluator(Estimator.bundled());
  }

  public Estimator estimator() {
    return estimator;
  }

  public Evaluation evaluate(YNode tree, Path baseDir, Optional<Path> source, String sourceName) {
    long start = System.nanoTime();
    try {
      Model model = ModelReader.read(tree, baseDir, source);
      Estimate estimate = estimator.estimate(model);
      GraphLayout layout = GraphLayout.of(model, estimate, lastLayout);
      lastLayout = layout;
      return new Evaluation.Valid(tree, model, estimate, layout, Breakdown.of(estimate), CostCurve.of(estimate), System.nanoTime() - start);
    } catch (ModelException e) {
      return new Evaluation.Invalid(tree, e.diagnostics(), System.nanoTime() - start);
    } catch (CatalogException e) {
      return new Evaluation.Invalid(tree, List.of(Diagnostic.error(Position.of(sourceName), "price catalog: " + e.getMessage())), System.nanoTime() - start);
    } catch (RuntimeException e) {
      if (Boolean.getBoolean("costflow.debug")) {
        e.printStackTrace();
      }
      return new Evaluation.Invalid(tree, List.of(Diagnostic.error(Position.of(sourceName), "internal error: " + e)), System.nanoTime() - start);
    }
  }

  public Evaluation evaluate(ModelDocument doc) {
    return evaluate(doc.tree(), doc.baseDir(), doc.file(), doc.sourceName());
  }
}
