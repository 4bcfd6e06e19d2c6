package dev.costflow.sim;

import java.util.Arrays;

/** A binary min-heap of doubles (end times of busy environments). */
final class DoubleHeap {
  private double[] a = new double[16];
  private int size;

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  double peek() {
    return a[0];
  }

  void push(double v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (a[p] <= v) {
        break;
      }
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  double pop() {
    double top = a[0];
    double v = a[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      if (c + 1 < size && a[c + 1] < a[c]) {
        c++;
      }
      if (v <= a[c]) {
        break;
      }
      a[i] = a[c];
      i = c;
    }
    if (size > 0) {
      a[i] = v;
    }
    return top;
  }
}
