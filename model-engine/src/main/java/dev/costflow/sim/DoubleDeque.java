package dev.costflow.sim;

/**
 * The idle environments of a function as a double-ended queue of the times they became idle,
 * oldest at the bottom: an invocation takes the most recently used one (the top), and the
 * keep-alive reclaims from the bottom.
 */
final class DoubleDeque {
  private double[] a = new double[16];
  private int head;
  private int size;

  int size() {
    return size;
  }

  void clear() {
    head = 0;
    size = 0;
  }

  double bottom() {
    return a[head];
  }

  void popBottom() {
    head = (head + 1) & (a.length - 1);
    size--;
  }

  void pushTop(double v) {
    if (size == a.length) {
      double[] b = new double[a.length * 2];
      for (int i = 0; i < size; i++) {
        b[i] = a[(head + i) & (a.length - 1)];
      }
      a = b;
      head = 0;
    }
    a[(head + size) & (a.length - 1)] = v;
    size++;
  }

  double popTop() {
    size--;
    return a[(head + size) & (a.length - 1)];
  }
}
