package dev.costflow.desktop.view;

import dev.costflow.desktop.vm.Prompter;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The dialogs behind {@link Prompter}: alerts and file choosers owned by the main window. */
public final class FxPrompter implements Prompter {
  private final Window owner;
  private File lastDir;

  public FxPrompter(Window owner) {
    this.owner = owner;
  }

  @Override
  public Answer askSaveChanges(String documentName) {
    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
    ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
    ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes to " + documentName + " will be lost if you don't save them.", save, discard, cancel);
    a.initOwner(owner);
    a.setTitle("Unsaved changes");
    a.setHeaderText("Save the changes to " + documentName + "?");
    ButtonType r = a.showAndWait().orElse(cancel);
    return r == save ? Answer.SAVE : r == discard ? Answer.DISCARD : Answer.CANCEL;
  }

  @Override
  public Optional<Path> chooseOpenFile(String title, List<String> extensions) {
    FileChooser c = chooser(title, extensions);
    File f = c.showOpenDialog(owner);
    return remember(f);
  }

  @Override
  public Optional<Path> chooseSaveFile(String title, String suggestedName, List<String> extensions) {
    FileChooser c = chooser(title, extensions);
    c.setInitialFileName(suggestedName);
    return remember(c.showSaveDialog(owner));
  }

  private FileChooser chooser(String title, List<String> extensions) {
    FileChooser c = new FileChooser();
    c.setTitle(title);
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter(String.join(", ", extensions), extensions));
    c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
    if (lastDir != null && lastDir.isDirectory()) {
      c.setInitialDirectory(lastDir);
    }
    return c;
  }

  private Optional<Path> remember(File f) {
    if (f == null) {
      return Optional.empty();
    }
    lastDir = f.getParentFile();
    return Optional.of(f.toPath());
  }

  @Override
  public Optional<String> askText(String title, String question, String suggestion) {
    TextInputDialog d = new TextInputDialog(suggestion);
    d.initOwner(owner);
    d.setTitle(title);
    d.setHeaderText(question);
    return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public void showError(String title, String message) {
    Alert a = new Alert(Alert.AlertType.ERROR);
    a.initOwner(owner);
    a.setTitle(title);
    a.setHeaderText(title);
    TextArea text = new TextArea(message);
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(Math.min(14, Math.max(3, (int) message.lines().count() + 1)));
    a.getDialogPane().setContent(text);
    a.showAndWait();
  }

  @Override
  public void showInfo(String title, String message) {
    Alert a = new Alert(Alert.AlertType.INFORMATION, message);
    a.initOwner(owner);
    a.setTitle(title);
    a.setHeaderText(title);
    a.showAndWait();
  }
}
