package dev.costflow.desktop.vm;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the app's questions from queues and records what it was told. */
public final class FakePrompter implements Prompter {
  public final Deque<Answer> answers = new ArrayDeque<>();
  public final Deque<Path> files = new ArrayDeque<>();
  public final Deque<String> texts = new ArrayDeque<>();
  public final List<String> errors = new ArrayList<>();
  public final List<String> infos = new ArrayList<>();
  public final List<String> asked = new ArrayList<>();

  @Override
  public Answer askSaveChanges(String documentName) {
    asked.add(documentName);
    return answers.isEmpty() ? Answer.CANCEL : answers.poll();
  }

  @Override
  public Optional<Path> chooseOpenFile(String title, List<String> extensions) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Optional<Path> chooseSaveFile(String title, String suggestedName, List<String> extensions) {
    return Optional.ofNullable(files.poll());
  }

  @Override
  public Optional<String> askText(String title, String question, String suggestion) {
    return Optional.ofNullable(texts.poll());
  }

  @Override
  public void showError(String title, String message) {
    errors.add(title + ": " + message);
  }

  @Override
  public void showInfo(String title, String message) {
    infos.add(title + ": " + message);
  }
}
