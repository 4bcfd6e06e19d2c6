package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  static final String MODEL =
      """
      costflow: 1
      name: shop
      period: 2025-11
      pricing:
        as_of: 2025-11-01
      services:
        api:
          type: aws.apigateway.http
          traffic: { monthly: 10000000 }
          calls: [ { to: fn } ]
        fn:
          type: aws.lambda
          memory_mb: 512
          duration_ms: { samples: data/durations.txt }
          calls: [ { to: events } ]
        events:
          type: aws.sns
          calls: [ { to: queue } ]
        queue: { type: aws.sqs }
      """;

  static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void filesMarkdownByDefault(@TempDir Path dir) throws IOException {
    write(dir, "data/durations.txt", "100\n120\n400\n");
    Path base = write(dir, "base.yaml", MODEL);
    Path head = write(dir, "head.yaml", MODEL.replace("memory_mb: 512", "memory_mb: 1024"));
    CliRun r = CliRun.of("diff", base.toString(), head.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("<!-- costflow-diff -->\n### costflow · shop: \\+\\$");
    assertThat(r.out()).contains("fn: memory\\_mb 512 → 1024 MB");
  }

  @Test
  void policyExitCodeIsOneAndTheReportIsStillWritten(@TempDir Path dir) throws IOException {
    write(dir, "data/durations.txt", "100\n120\n400\n");
    Path base = write(dir, "base.yaml", MODEL);
    Path head = write(dir, "head.yaml", MODEL.replace("monthly: 10000000", "monthly: 20000000"));
    Path out = dir.resolve("report.json");
    CliRun r = CliRun.of("diff", base.toString(), head.toString(), "--format", "json", "--fail-above-usd", "5", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("costflow: cost policy failed: the cost goes up by $").contains("--fail-above-usd 5");
    JsonNode j = new ObjectMapper().readTree(out.toFile());
    assertThat(j.get("policy").get("failed").asBoolean()).isTrue();
    assertThat(j.get("drivers").get(0).get("description").asText()).isEqualTo("api: traffic monthly 10,000,000 → 20,000,000");

    CliRun ok = CliRun.of("diff", base.toString(), head.toString(), "--format", "table", "--fail-above-pct", "1000");
    assertThat(ok.exit()).isEqualTo(0);
    assertThat(ok.out()).contains("DRIVER");
  }

  @Test
  void badInputIsExitTwoWithPosition(@TempDir Path dir) throws IOException {
    write(dir, "data/durations.txt", "100\n");
    Path base = write(dir, "base.yaml", MODEL);
    Path head = write(dir, "head.yaml", MODEL.replace("memory_mb: 512", "memory_mb: 99999"));
    CliRun r = CliRun.of("diff", base.toString(), head.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(head + ":13:").contains("memory_mb");
    assertThat(r.err()).doesNotContain("Exception");

    CliRun missing = CliRun.of("diff", base.toString(), dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml:1:1: error: no such file");

    CliRun created = CliRun.of("diff", dir.resolve("nope.yaml").toString(), base.toString(), "--missing-as-empty", "--format", "table");
    assertThat(created.exit()).as(created.err()).isEqualTo(0);
    assertThat(created.out()).startsWith("New model shop: ");
    assertThat(created.err()).contains("does not exist: compared as an empty model");

    CliRun usage = CliRun.of("diff", base.toString());
    assertThat(usage.exit()).isEqualTo(2);
    CliRun format = CliRun.of("diff", base.toString(), base.toString(), "--format", "html");
    assertThat(format.exit()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ git:REF:PATH

  static boolean hasGit() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isEqualTo(0);
  }

  /** A repository with models/shop.yaml and its samples file committed on main. */
  static Path repo(Path dir) throws IOException, InterruptedException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    write(repo, "models/shop.yaml", MODEL);
    write(repo, "models/data/durations.txt", "100\n120\n400\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    return repo;
  }

  @Test
  void gitRevisionAgainstTheWorkingTree(@TempDir Path dir) throws Exception {
    assumeTrue(hasGit(), "git is not installed: skipping the git:REF:PATH tests");
    Path repo = repo(dir);
    // the working tree: more memory and new durations (same file name, new content)
    write(repo, "models/shop.yaml", MODEL.replace("memory_mb: 512", "memory_mb: 1024"));
    write(repo, "models/data/durations.txt", "100\n120\n4000\n");
    CliRun r = CliRun.of("diff", "-C", repo.toString(), "git:main:models/shop.yaml", "models/shop.yaml", "--format", "json");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("base").get("label").asText()).isEqualTo("git:main:models/shop.yaml");
    List<String> drivers = j.get("drivers").findValuesAsText("description");
    assertThat(drivers).containsExactlyInAnyOrder("fn: memory_mb 512 → 1024 MB", "fn: duration_ms {samples: data/durations.txt} (file content changed)");
    assertThat(r.out()).doesNotContain(System.getProperty("java.io.tmpdir") + "/costflow-git-");

    // both sides at revisions; from a subdirectory, ./ paths are relative to it (git's rule)
    git(repo, "commit", "-q", "-am", "bigger");
    CliRun sub = CliRun.of("diff", "-C", repo.resolve("models").toString(), "git:HEAD~1:./shop.yaml", "git:HEAD:models/shop.yaml", "--format", "table");
    assertThat(sub.exit()).as(sub.err()).isEqualTo(0);
    assertThat(sub.out()).contains("fn: memory_mb 512 → 1024 MB").contains("(file content changed)");
  }

  @Test
  void gitErrorsAreExitTwo(@TempDir Path dir) throws Exception {
    assumeTrue(hasGit(), "git is not installed: skipping the git:REF:PATH tests");
    Path repo = repo(dir);
    String r = repo.toString();

    CliRun ref = CliRun.of("diff", "-C", r, "git:no-such-branch:models/shop.yaml", "models/shop.yaml");
    assertThat(ref.exit()).isEqualTo(2);
    assertThat(ref.err()).contains("git:no-such-branch:models/shop.yaml: unknown revision 'no-such-branch'");

    CliRun path = CliRun.of("diff", "-C", r, "git:main:models/new.yaml", "models/shop.yaml");
    assertThat(path.exit()).isEqualTo(2);
    assertThat(path.err()).contains("models/new.yaml does not exist at main").contains("--missing-as-empty");

    CliRun created = CliRun.of("diff", "-C", r, "git:main:models/new.yaml", "models/shop.yaml", "--missing-as-empty");
    assertThat(created.exit()).as(created.err()).isEqualTo(0);
    assertThat(created.out()).contains("New model shop");

    CliRun malformed = CliRun.of("diff", "-C", r, "git:main", "models/shop.yaml");
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.err()).contains("expected git:REF:PATH");

    CliRun option = CliRun.of("diff", "-C", r, "git:--output=x:models/shop.yaml", "models/shop.yaml");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err()).contains("is not a revision");

    // a broken model at a revision: the error names git:REF:PATH and the line
    write(repo, "models/shop.yaml", MODEL.replace("memory_mb: 512", "memory_mb: big"));
    git(repo, "commit", "-q", "-am", "broken");
    CliRun broken = CliRun.of("diff", "-C", r, "git:HEAD:models/shop.yaml", "git:HEAD~1:models/shop.yaml");
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("git:HEAD:models/shop.yaml:13:").contains("memory_mb");

    Path notRepo = Files.createDirectories(dir.resolve("plain"));
    CliRun outside = CliRun.of("diff", "-C", notRepo.toString(), "git:main:m.yaml", "git:main:m.yaml");
    assertThat(outside.exit()).isEqualTo(2);
    assertThat(outside.err()).contains("not inside a git repository");
  }

  @Test
  void dataFilesMissingAtTheRevisionComeFromTheWorkingTree(@TempDir Path dir) throws Exception {
    assumeTrue(hasGit(), "git is not installed: skipping the git:REF:PATH tests");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    write(repo, ".gitignore", "*.txt\n");
    write(repo, "models/shop.yaml", MODEL);
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "model only; data is ignored");
    write(repo, "models/data/durations.txt", "100\n120\n400\n");
    CliRun r = CliRun.of("diff", "-C", repo.toString(), "git:main:models/shop.yaml", "models/shop.yaml", "--format", "table");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).contains("note: git:main:models/shop.yaml: data file data/durations.txt is not in main; read from the working tree");
    assertThat(r.out()).startsWith("No cost change for shop");
  }
}
