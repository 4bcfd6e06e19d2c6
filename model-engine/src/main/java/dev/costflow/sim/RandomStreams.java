package dev.costflow.sim;

import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;

/**
 * Keyed random streams. Every random number of a run is drawn from a stream named by a 64-bit key
 * derived from (seed, run, part of the model, operation, hour): results do not depend on thread
 * count or on the order in which runs are executed, and two variants of a model draw the same
 * numbers for the parts they share (common random numbers).
 *
 * <p>The generator is Commons Math's WELL512a: its 16-word state is cheap to reseed, so every
 * (operation, hour) gets its own stream. The key is spread over the state with SplitMix64, whose
 * outputs are equidistributed, so no two keys share a state and no state is degenerate.
 */
final class RandomStreams {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final int[] seed = new int[16];
  private final Well512a rng = new Well512a(new int[] {1});

  /** The generator positioned at the start of the stream {@code key} (valid until the next call). */
  RandomGenerator at(long key) {
    long z = key;
    for (int i = 0; i < 16; i += 2) {
      z += GOLDEN;
      long r = mix(z);
      seed[i] = (int) r;
      seed[i + 1] = (int) (r >>> 32);
    }
    rng.setSeed(seed);
    return rng;
  }

  /** SplitMix64's finalizer: a bijective mix of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The key of a child stream. */
  static long key(long parent, long child) {
    return mix(mix(parent) ^ (child * GOLDEN + 0x632BE59BD9B4E019L));
  }

  /** The key of a named child stream (FNV-1a of the name's UTF-8 bytes, then mixed). */
  static long key(long parent, String name) {
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return key(parent, mix(h));
  }

  /** The root key of one run. */
  static long runKey(long seed, int run) {
    return key(key(0x5EEDC0575F10L, seed), run);
  }
}
