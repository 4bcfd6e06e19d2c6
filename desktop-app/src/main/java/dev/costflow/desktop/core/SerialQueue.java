package dev.costflow.desktop.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in order, on a worker. A task submitted with the key of a task still
 * waiting replaces it (the newest value of a slider being dragged wins; the stale ones never run),
 * so the work never piles up behind the user.
 */
public final class SerialQueue {
  private final Executor worker;
  private final Map<Object, Runnable> pending = new LinkedHashMap<>();
  private boolean draining;
  private long unique;

  public SerialQueue(Executor worker) {
    this.worker = worker;
  }

  /** Queues a task; {@code key} null means it never replaces another. Returns whether it replaced a waiting task. */
  public boolean submit(Object key, Runnable task) {
    boolean start;
    boolean replaced;
    synchronized (this) {
      Object k = key == null ? new Unique(unique++) : key;
      replaced = pending.remove(k) != null;
      pending.put(k, task);
      start = !draining;
      draining = true;
    }
    if (start) {
      worker.execute(this::drain);
    }
    return replaced;
  }

  /** Whether tasks are waiting or running. */
  public synchronized boolean busy() {
    return draining;
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        Iterator<Map.Entry<Object, Runnable>> it = pending.entrySet().iterator();
        if (!it.hasNext()) {
          draining = false;
          return;
        }
        next = it.next().getValue();
        it.remove();
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
    }
  }

  private record Unique(long n) {}
}
