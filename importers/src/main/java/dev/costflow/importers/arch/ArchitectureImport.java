package dev.costflow.importers.arch;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Problems;
import dev.costflow.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The architecture importers' entry points: a CloudFormation / SAM template or a Serverless
 * Framework file in, model text out (see docs/importing-architectures.md). Bad input throws a
 * {@link dev.costflow.model.ModelException} whose diagnostics name file, line and column.
 */
public final class ArchitectureImport {
  private ArchitectureImport() {}

  /** What an import produced: the model text, warnings, and counts for the summary line. */
  public record Result(String modelText, List<Diagnostic> warnings, int services, int pendingServices, int calls, int inferredCalls, int notModeled) {}

  /** Options of {@code import sam}. */
  public record SamOptions(String region, Optional<String> stackName, Map<String, String> parameters, Optional<String> name) {
    public SamOptions {
      parameters = Map.copyOf(parameters);
    }
  }

  /** Imports a SAM or plain CloudFormation template (YAML or JSON). */
  public static Result sam(Path template, String displayName, SamOptions opts) {
    YNode root = Templates.read(template, displayName);
    Problems problems = new Problems();
    Path base = baseDir(template);
    CloudFormationImporter.Options o = new CloudFormationImporter.Options(opts.region(), opts.stackName(), opts.parameters(), Map.of());
    ArchGraph g = CloudFormationImporter.importTemplate(root, displayName, base, o, problems);
    problems.throwIfErrors();
    boolean sam = g.nodes.values().stream().anyMatch(n -> n.cfnType.startsWith("AWS::Serverless::")) || Templates.isSam(root);
    String name = opts.name().orElse(o.stackName().orElse(stem(displayName)));
    Optional<String> description = Nodes.text(root, "Description").map(ArchitectureImport::oneLine).filter(d -> !d.isBlank());
    ModelEmitter.Header header = new ModelEmitter.Header("sam", Path.of(displayName).getFileName().toString(), sam ? "AWS SAM" : "AWS CloudFormation", name, opts.region(), description);
    return result(g, header, problems, base);
  }

  /** Options of {@code import serverless}: stage, region and other {@code ${opt:…}} values. */
  public record ServerlessOptions(Optional<String> stage, Optional<String> region, Map<String, String> options, Optional<String> name) {
    public ServerlessOptions {
      options = Map.copyOf(options);
    }
  }

  /** Imports a Serverless Framework service file (serverless.yml); its resources: go through the CloudFormation importer. */
  public static Result serverless(Path file, String displayName, ServerlessOptions opts) {
    YNode root = Templates.read(file, displayName);
    Problems problems = new Problems();
    Path base = baseDir(file);
    Map<String, String> options = new java.util.LinkedHashMap<>(opts.options());
    opts.stage().ifPresent(s -> options.put("stage", s));
    opts.region().ifPresent(r -> options.put("region", r));
    ServerlessImporter.Translation t = ServerlessImporter.translate(root, displayName, base, options, problems);
    problems.throwIfErrors();
    CloudFormationImporter.Options o = new CloudFormationImporter.Options(t.region(), Optional.of(t.stackName()), Map.of(), t.preferredIds());
    ArchGraph g = CloudFormationImporter.importTemplate(t.template(), displayName, base, o, problems);
    problems.throwIfErrors();
    g.remarks.removeIf(r -> r.startsWith("AWS SAM template"));
    g.remarks.add(0, "Serverless Framework service " + t.service() + ", stage " + t.stage() + " (stack " + t.stackName() + "); provider defaults applied");
    for (ArchGraph.Node n : g.nodes.values()) {
      if (n.cfnType.equals("AWS::Serverless::Function") && n.preferredId.isPresent()) {
        n.relabel("function " + n.preferredId.get() + " (" + n.logicalId + ")");
      }
    }
    String name = opts.name().orElse(t.service());
    ModelEmitter.Header header = new ModelEmitter.Header("serverless", Path.of(displayName).getFileName().toString(), "Serverless Framework", name, t.region(),
        Optional.empty());
    return result(g, header, problems, base);
  }

  static Result result(ArchGraph g, ModelEmitter.Header header, Problems problems, Path base) {
    ModelEmitter.Emitted e = ModelEmitter.emit(g, header, problems, base);
    problems.throwIfErrors();
    return new Result(e.text(), problems.warnings(), e.services(), e.pending(), e.calls(), e.inferredCalls(), g.skipped.size());
  }

  static Path baseDir(Path file) {
    Path abs = file.toAbsolutePath().getParent();
    return abs == null ? Path.of(".") : abs;
  }

  private static final java.util.Set<String> GENERIC = java.util.Set.of("template", "serverless", "cloudformation", "packaged", "main", "stack", "infra", "sam");

  /** A name for the model: the file's name, or its folder's when the file name says nothing (template.yaml). */
  static String stem(String displayName) {
    Path p = Path.of(displayName).toAbsolutePath().normalize();
    String f = p.getFileName().toString();
    int dot = f.indexOf('.');
    String s = dot > 0 ? f.substring(0, dot) : f;
    if (GENERIC.contains(s.toLowerCase(java.util.Locale.ROOT)) && p.getParent() != null && p.getParent().getFileName() != null) {
      s = p.getParent().getFileName().toString();
    }
    return s.replaceAll("[^A-Za-z0-9_.-]", "-");
  }

  static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 200 ? t.substring(0, 197) + "..." : t;
  }
}
