package dev.costflow.sim;

/**
 * When a service's calls happen within each hour: at the firing times of the schedules that
 * drive it (all the traffic reaching the service comes from {@code schedule:} rates), each call
 * up to {@code spreadS} seconds after its firing (uniformly: the calls a function makes while it
 * runs), or — when {@code firingSeconds} is null — as a Poisson process (each call's time
 * uniform in its hour).
 */
record Timing(long[] firingSeconds, int[] firstOfHour, double spreadS) {
  static final Timing POISSON = new Timing(null, null, 0);

  static Timing scheduled(long[] firingMinutes, int hours, double spreadS) {
    long[] secs = new long[firingMinutes.length];
    for (int i = 0; i < secs.length; i++) {
      secs[i] = firingMinutes[i] * 60;
    }
    int[] first = new int[hours + 1];
    int i = 0;
    for (int h = 0; h <= hours; h++) {
      while (i < secs.length && secs[i] < h * 3600L) {
        i++;
      }
      first[h] = i;
    }
    return new Timing(secs, first, spreadS);
  }

  boolean isScheduled() {
    return firingSeconds != null;
  }

  /** Firings in hour h. */
  int firings(int h) {
    return firstOfHour[h + 1] - firstOfHour[h];
  }
}
