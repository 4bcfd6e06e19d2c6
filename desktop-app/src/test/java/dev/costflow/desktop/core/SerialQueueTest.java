package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SerialQueueTest {
  @Test
  void aNewerTaskWithTheSameKeyReplacesOneStillWaiting() {
    List<Runnable> held = new ArrayList<>();
    Executor manual = held::add;
    SerialQueue q = new SerialQueue(manual);
    List<String> ran = new ArrayList<>();
    assertThat(q.submit("slider", () -> ran.add("1024"))).isFalse();
    q.submit("other", () -> ran.add("arch"));
    assertThat(q.submit("slider", () -> ran.add("2048"))).isTrue();
    q.submit(null, () -> ran.add("save"));
    q.submit(null, () -> ran.add("save again"));
    assertThat(held).hasSize(1); // one drain for all of it
    assertThat(q.busy()).isTrue();
    held.get(0).run();
    assertThat(ran).containsExactly("arch", "2048", "save", "save again");
    assertThat(q.busy()).isFalse();
  }

  @Test
  void tasksSubmittedWhileDrainingRunInTheSameDrain() {
    SerialQueue q = new SerialQueue(Runnable::run);
    List<String> ran = new ArrayList<>();
    q.submit(null, () -> {
      ran.add("a");
      q.submit(null, () -> ran.add("b"));
      ran.add("a done");
    });
    assertThat(ran).containsExactly("a", "a done", "b");
  }
}
