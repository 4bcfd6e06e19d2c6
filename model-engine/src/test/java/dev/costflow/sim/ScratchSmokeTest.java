package dev.costflow.sim;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import org.junit.jupiter.api.Test;

class ScratchSmokeTest {
  @Test
  void smoke() {
    for (String f : new String[] {"checkout", "fanout", "nightly-batch"}) {
      Model m = ModelReader.read(TestModels.repoRoot().resolve("examples/" + f + ".yaml"));
      long t0 = System.nanoTime();
      Simulation s = Simulator.bundled().simulate(m, new SimOptions(100, 1, 2));
      long t1 = System.nanoTime();
      System.out.println("== " + f + " in " + (t1 - t0) / 1e6 + " ms; estimate " + s.estimate().totalUsd() + " sim mean " + s.totalUsd().mean() + " p5 " + s.totalUsd().p5() + " p95 " + s.totalUsd().p95() + " sd " + s.totalUsd().sd());
      for (ServiceStats ss : s.services()) {
        System.out.println("  " + ss.id() + " est " + s.estimate().service(ss.id()).get().costUsd() + " mean " + ss.costUsd().mean() + " sd " + ss.costUsd().sd()
            + ss.function().map(fs -> " cold " + fs.coldStarts().mean() + " peak " + fs.peakConcurrency().mean() + " init " + fs.initBilledMs().mean() + " exactShare " + fs.callByCallShare()).orElse(""));
      }
    }
  }
}
