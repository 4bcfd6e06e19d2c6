package dev.costflow.desktop.vm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The questions the app asks the user; the view answers them with dialogs, tests with fixed answers. */
public interface Prompter {
  enum Answer {
    SAVE,
    DISCARD,
    CANCEL
  }

  /** "Save the changes to NAME?" */
  Answer askSaveChanges(String documentName);

  /** A file to open; {@code extensions} like "*.yaml". */
  Optional<Path> chooseOpenFile(String title, List<String> extensions);

  /** A file to write. */
  Optional<Path> chooseSaveFile(String title, String suggestedName, List<String> extensions);

  /** A short text, e.g. a scenario name; empty when cancelled. */
  Optional<String> askText(String title, String question, String suggestion);

  void showError(String title, String message);

  void showInfo(String title, String message);
}
