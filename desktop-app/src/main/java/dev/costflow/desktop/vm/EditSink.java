package dev.costflow.desktop.vm;

import dev.costflow.model.Diagnostic;
import dev.costflow.yaml.YNode;
import java.util.List;
import java.util.function.Consumer;

/** Where the inspector sends edits: the main view model, which evaluates them off the UI thread. */
public interface EditSink {
  /** Sets a key; {@code done} gets the reader's errors (empty: applied), on the UI thread. */
  void edit(List<String> path, YNode value, String label, String mergeKey, Consumer<List<Diagnostic>> done);

  void select(Selection selection);
}
