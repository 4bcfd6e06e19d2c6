package dev.costflow.dist;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A weighted mixture, e.g. the payload of a topic fed by two publishers: each component is drawn
 * with probability weight / Σ weights. Billed sums are the weighted sums of the components'.
 */
public final class Mixture implements Distribution {
  private final List<Distribution> components;
  private final double[] weights;

  private Mixture(List<Distribution> components, double[] weights) {
    this.components = List.copyOf(components);
    this.weights = weights;
  }

  /**
   * The mixture of components with non-negative weights; zero-weight parts are dropped, equal
   * components merged, and a single remaining component returned as is.
   */
  public static Distribution of(List<Distribution> components, List<Double> weights) {
    if (components.size() != weights.size()) {
      throw new IllegalArgumentException("one weight per component");
    }
    List<Distribution> cs = new ArrayList<>();
    List<Double> ws = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < components.size(); i++) {
      double w = weights.get(i);
      Checks.nonNegative("weight", w);
      if (w == 0) {
        continue;
      }
      Distribution c = components.get(i);
      List<Distribution> parts = c instanceof Mixture m ? m.components : List.of(c);
      double[] partWeights = c instanceof Mixture m ? m.weights : new double[] {1.0};
      for (int j = 0; j < parts.size(); j++) {
        Distribution p = parts.get(j);
        double pw = w * partWeights[j];
        int at = cs.indexOf(p);
        if (at >= 0) {
          ws.set(at, ws.get(at) + pw);
        } else {
          cs.add(p);
          ws.add(pw);
        }
      }
      total += w;
    }
    if (cs.isEmpty()) {
      return components.isEmpty() ? new Fixed(0) : components.get(0);
    }
    if (cs.size() == 1) {
      return cs.get(0);
    }
    double[] norm = new double[ws.size()];
    for (int i = 0; i < norm.length; i++) {
      norm[i] = ws.get(i) / total;
    }
    return new Mixture(cs, norm);
  }

  public List<Distribution> components() {
    return components;
  }

  public double weight(int i) {
    return weights[i];
  }

  @Override
  public double mean() {
    double m = 0;
    for (int i = 0; i < weights.length; i++) {
      m += weights[i] * components.get(i).mean();
    }
    return m;
  }

  @Override
  public double survival(double x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * components.get(i).survival(x);
    }
    return s;
  }

  @Override
  public double quantile(double p) {
    double lo = 0;
    double hi = 1;
    while (survival(hi) > 1 - p) {
      hi *= 2;
      if (hi > 1e300) {
        return hi;
      }
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (survival(mid) > 1 - p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  @Override
  public double sample(RandomGenerator rng) {
    double u = rng.nextDouble();
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return components.get(i).sample(rng);
      }
    }
    return components.get(components.size() - 1).sample(rng);
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * components.get(i).expectedUnits(g, minUnits, maxUnits);
    }
    return s;
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder("mix(");
    for (int i = 0; i < weights.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(Checks.num(Math.round(weights[i] * 1000) / 10.0)).append("% ").append(components.get(i).describe());
    }
    return b.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mixture m && components.equals(m.components) && java.util.Arrays.equals(weights, m.weights);
  }

  @Override
  public int hashCode() {
    return components.hashCode() * 31 + java.util.Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return describe();
  }
}
