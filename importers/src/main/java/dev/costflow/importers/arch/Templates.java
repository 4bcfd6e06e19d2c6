package dev.costflow.importers.arch;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.ModelException;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads CloudFormation / SAM templates and Serverless Framework files, YAML or JSON, into trees
 * that keep file, line and column. CloudFormation's YAML short forms ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub …}) become their long forms ({@code {Ref: X}},
 * {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: …}}), so the rest of the importer sees one form.
 */
public final class Templates {
  /** CloudFormation accepts template bodies up to 1 MB (S3); anything this big is not a template. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /** The short-form tags CloudFormation defines, without the '!'. */
  static final Set<String> FN_TAGS = Set.of(
      "Base64", "Cidr", "FindInMap", "GetAZs", "If", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
      "And", "Equals", "Not", "Or", "Length", "ToJsonString", "GetAtt");

  private Templates() {}

  /** Reads a template file; bad syntax, unknown tags and unreadable files throw a {@link ModelException}. */
  public static YNode read(Path file, String displayName) {
    String text = readText(file, displayName);
    return parse(text, displayName, isJsonName(file));
  }

  static String readText(Path file, String displayName) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ModelException(Diagnostic.error(Position.of(displayName), "the file is " + size / (1024 * 1024) + " MB; templates are at most a few MB (CloudFormation's limit is 1 MB)"));
      }
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(Position.of(displayName), "no such file"));
    } catch (CharacterCodingException e) {
      throw new ModelException(Diagnostic.error(Position.of(displayName), "not a text file (not UTF-8)"));
    } catch (IOException e) {
      throw new ModelException(Diagnostic.error(Position.of(displayName), "cannot read: " + e.getMessage()));
    }
  }

  static boolean isJsonName(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /** Parses template text: JSON when the name says so (or the text is a JSON object), else YAML with tags. */
  public static YNode parse(String text, String displayName, boolean json) {
    String trimmed = text.stripLeading();
    try {
      if (json) {
        return YTrees.parseJson(text, displayName);
      }
      if (trimmed.startsWith("{")) {
        try {
          return YTrees.parseJson(text, displayName);
        } catch (YTrees.SyntaxException e) {
          // a YAML flow mapping at the top level: read it as YAML below
        }
      }
      YNode tree = YTrees.parse(text, displayName, true);
      List<Diagnostic> problems = new ArrayList<>();
      YNode out = longForm(tree, problems);
      if (!problems.isEmpty()) {
        throw new ModelException(problems);
      }
      return out;
    } catch (YTrees.SyntaxException e) {
      throw new ModelException(Diagnostic.error(e.pos(), e.getMessage()));
    }
  }

  /** Whether a template declares the SAM transform. */
  static boolean isSam(YNode root) {
    for (String t : Nodes.allTexts(Nodes.get(root, "Transform").orElse(Nodes.emptyMap(root.pos())))) {
      if (t.startsWith("AWS::Serverless")) {
        return true;
      }
    }
    return false;
  }

  /** Rewrites short-form tag wrappers ({@code {"!Ref": X}}) into CloudFormation's long forms. */
  static YNode longForm(YNode n, List<Diagnostic> problems) {
    if (n instanceof YList l) {
      List<YNode> items = new ArrayList<>(l.items().size());
      for (YNode i : l.items()) {
        items.add(longForm(i, problems));
      }
      return new YList(items, l.pos());
    }
    if (!(n instanceof YMap m)) {
      return n;
    }
    if (isTagWrapper(m)) {
      YEntry e = m.entries().iterator().next();
      String tag = e.key().substring(1);
      YNode body = longForm(e.value(), problems);
      Position at = m.pos();
      switch (tag) {
        case "Ref", "Condition" -> {
          return Nodes.map1(tag, body, at);
        }
        case "GetAtt" -> {
          if (body instanceof YScalar s) {
            int dot = s.text().indexOf('.');
            if (dot <= 0 || dot == s.text().length() - 1) {
              problems.add(Diagnostic.error(at, "!GetAtt takes LogicalId.Attribute, got '" + s.text() + "'"));
              return body;
            }
            body = new YList(List.of(Nodes.str(s.text().substring(0, dot), s.pos()), Nodes.str(s.text().substring(dot + 1), s.pos())), s.pos());
          }
          return Nodes.map1("Fn::GetAtt", body, at);
        }
        default -> {
          if (FN_TAGS.contains(tag)) {
            return Nodes.map1("Fn::" + tag, body, at);
          }
          problems.add(Diagnostic.error(at, "unknown tag !" + tag + "; CloudFormation's short forms are !Ref, !GetAtt, !Sub, !Join, !If, … (see the CloudFormation intrinsic function reference)"));
          return body;
        }
      }
    }
    List<YEntry> entries = new ArrayList<>();
    for (YEntry e : m.entries()) {
      entries.add(new YEntry(e.key(), e.keyPos(), longForm(e.value(), problems)));
    }
    return new YMap(entries, m.pos());
  }

  /** A wrapper made by {@link YTrees#parse(String, String, boolean)}: one '!' key at the value's own position. */
  private static boolean isTagWrapper(YMap m) {
    if (m.entries().size() != 1) {
      return false;
    }
    YEntry e = m.entries().iterator().next();
    return e.key().startsWith("!") && e.key().length() > 1 && e.keyPos().equals(m.pos()) && e.value().pos().equals(m.pos());
  }
}
