package dev.costflow.desktop.core;

import dev.costflow.desktop.graph.GraphLayout;
import dev.costflow.engine.Estimate;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.yaml.YNode;
import java.util.List;

/** A model tree read, validated and priced — or the reader's errors. Computed off the UI thread. */
public sealed interface Evaluation permits Evaluation.Valid, Evaluation.Invalid {
  YNode tree();

  /** Time taken to read, validate, price and lay out, in nanoseconds. */
  long nanos();

  /** Everything the window shows about a priced model, ready to draw. */
  record Valid(YNode tree, Model model, Estimate estimate, GraphLayout layout, Breakdown breakdown, CostCurve curve, long nanos) implements Evaluation {}

  /** The model cannot be read or priced: the reader's errors, each with its key path. */
  record Invalid(YNode tree, List<Diagnostic> errors, long nanos) implements Evaluation {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
