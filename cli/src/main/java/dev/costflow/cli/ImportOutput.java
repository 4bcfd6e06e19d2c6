package dev.costflow.cli;

import dev.costflow.importers.arch.ArchitectureImport;
import dev.costflow.model.Diagnostic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Writes an imported model and prints what was read. */
final class ImportOutput {
  private ImportOutput() {}

  static void finish(ArchitectureImport.Result r, Path source, Path out, CommandLine cl) {
    PrintWriter err = cl.getErr();
    for (Diagnostic d : r.warnings()) {
      err.println(d);
    }
    if (out == null) {
      cl.getOut().print(r.modelText());
      cl.getOut().flush();
    } else {
      Output.writeAtomically(out, r.modelText().getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder b = new StringBuilder("costflow: imported ").append(source).append(": ")
        .append(r.services()).append(r.services() == 1 ? " service" : " services");
    if (r.pendingServices() > 0) {
      b.append(" (+ ").append(r.pendingServices()).append(" of types this version cannot price yet, kept as comments)");
    }
    b.append(", ").append(r.calls()).append(r.calls() == 1 ? " call" : " calls");
    if (r.inferredCalls() > 0) {
      b.append(" (").append(r.inferredCalls()).append(" inferred: review)");
    }
    b.append(", ").append(r.notModeled()).append(" template resources not modeled (listed at the end)");
    if (out != null) {
      b.append(" -> ").append(out);
    }
    err.println(b);
    err.flush();
  }
}
