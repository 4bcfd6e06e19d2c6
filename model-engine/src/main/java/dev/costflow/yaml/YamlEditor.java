package dev.costflow.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits YAML text in place, keeping everything else — comments, key order, flow or block style —
 * as written. Values are addressed by dotted key path (list items by index); a new key is added
 * at the end of its mapping. Used to save edited models (desktop) and to write calibrated models.
 */
public final class YamlEditor {
  private String text;
  private final String file;

  public YamlEditor(String text, String file) {
    this.text = text;
    this.file = file;
  }

  public String text() {
    return text;
  }

  /**
   * Sets the value at a key path to {@code value} (written inline). A trailing {@code comment}
   * (without '#') is added after a block-style value; pass null for none.
   */
  public YamlEditor set(List<String> path, YNode value, String comment) throws YTrees.SyntaxException {
    YNode root = YTrees.parse(text, file);
    String inline = YamlWriter.inline(value);
    // Walk to the parent mapping / list.
    YNode parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      YNode next = child(parent, path.get(i));
      if (next == null) {
        // create the missing mapping chain as one nested value
        YNode built = value;
        for (int j = path.size() - 1; j > i; j--) {
          built = new YMap(List.of(new YEntry(path.get(j), Position.of(file), built)), Position.of(file));
        }
        return insertKey(parent, path.get(i), built, comment);
      }
      parent = next;
    }
    String last = path.get(path.size() - 1);
    YNode current = child(parent, last);
    if (current == null) {
      return insertKey(parent, last, value, comment);
    }
    if (current instanceof YScalar || isFlow(current)) {
      int start = offset(current.pos());
      int end = endOfValue(start);
      String replacement = inline;
      boolean flowParent = isFlow(parent);
      String after = text.substring(end);
      if (comment != null && !flowParent) {
        after = stripTrailingComment(after);
        replacement = replacement + "  # " + comment;
      }
      text = text.substring(0, start) + replacement + after;
      return this;
    }
    // A block collection replaced wholesale: rewrite it inline on the key's line.
    int keyLine = current.pos().line();
    int start = lineStart(keyLine) ;
    int valueStart = offset(current.pos());
    int blockEnd = endOfBlock(valueStart, indentOfLine(lineOf(valueStart)));
    // value starts on a following line: replace from the end of the key line to the block end
    int keyLineEnd = text.lastIndexOf('\n', valueStart - 1);
    text = text.substring(0, keyLineEnd) + " " + inline + (comment != null ? "  # " + comment : "") + "\n" + text.substring(blockEnd);
    return this;
  }

  private YamlEditor insertKey(YNode parent, String key, YNode value, String comment) throws YTrees.SyntaxException {
    if (!(parent instanceof YMap m)) {
      throw new YTrees.SyntaxException(parent.pos(), "cannot add key '" + key + "' to " + parent.describe());
    }
    String inline = YamlWriter.inline(value);
    if (isFlow(m)) {
      int open = offset(m.pos());
      int close = matchingClose(open);
      String before = text.substring(open + 1, close).strip();
      String sep = before.isEmpty() ? "" : ", ";
      text = text.substring(0, close).stripTrailing() + sep + YamlWriter.key(key) + ": " + inline + (before.isEmpty() ? "" : " ") + text.substring(close);
      return this;
    }
    int indent;
    int insertAt;
    if (m.isEmpty()) {
      throw new YTrees.SyntaxException(m.pos(), "cannot add key '" + key + "' to an empty mapping written inline");
    }
    YEntry first = m.entries().iterator().next();
    indent = first.keyPos().column() - 1;
    int lastValueStart = 0;
    for (YEntry e : m.entries()) {
      lastValueStart = Math.max(lastValueStart, offset(e.value().pos()));
      lastValueStart = Math.max(lastValueStart, offset(e.keyPos()));
    }
    insertAt = endOfBlock(lastValueStart, indent);
    String line = " ".repeat(indent) + YamlWriter.key(key) + ": " + inline + (comment != null ? "  # " + comment : "") + "\n";
    if (insertAt > 0 && text.charAt(insertAt - 1) != '\n') {
      line = "\n" + line;
    }
    text = text.substring(0, insertAt) + line + text.substring(insertAt);
    return this;
  }

  private static YNode child(YNode parent, String key) {
    if (parent instanceof YMap m) {
      return m.get(key).orElse(null);
    }
    if (parent instanceof YList l) {
      try {
        int i = Integer.parseInt(key);
        return i >= 0 && i < l.items().size() ? l.items().get(i) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private boolean isFlow(YNode n) {
    if (n instanceof YScalar) {
      return false;
    }
    int o = offset(n.pos());
    return o < text.length() && (text.charAt(o) == '{' || text.charAt(o) == '[');
  }

  private int offset(Position p) {
    return lineStart(p.line()) + p.column() - 1;
  }

  private int lineStart(int line) {
    int o = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', o);
      if (nl < 0) {
        return text.length();
      }
      o = nl + 1;
    }
    return o;
  }

  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int indentOfLine(int line) {
    int s = lineStart(line);
    int i = s;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i - s;
  }

  /** End offset (exclusive) of the scalar or flow collection starting at {@code start}. */
  private int endOfValue(int start) {
    char c = text.charAt(start);
    if (c == '{' || c == '[') {
      return matchingClose(start) + 1;
    }
    if (c == '"' || c == '\'') {
      int i = start + 1;
      while (i < text.length()) {
        char d = text.charAt(i);
        if (c == '"' && d == '\\') {
          i += 2;
          continue;
        }
        if (d == c) {
          if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return text.length();
    }
    // plain scalar: up to a flow indicator, a comment or the end of the line
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char d = text.charAt(i);
      if (d == '\n') {
        break;
      }
      if (d == '#' && i > start && Character.isWhitespace(text.charAt(i - 1))) {
        break;
      }
      if ((d == ',' || d == '}' || d == ']') && depth == 0 && insideFlow(start)) {
        break;
      }
      i++;
    }
    while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private boolean insideFlow(int offset) {
    int depth = 0;
    int ls = text.lastIndexOf('\n', offset - 1) + 1;
    // scan from the start of the document line by line is costly; flow collections in models are on one line or few
    for (int i = offset - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '}' || c == ']') {
        depth++;
      } else if (c == '{' || c == '[') {
        if (depth == 0) {
          return true;
        }
        depth--;
      } else if (c == '\n' && i < ls - 1 && depth == 0) {
        // a block line boundary with nothing open on later lines: check indentation heuristically
        int j = i + 1;
        while (j < text.length() && text.charAt(j) == ' ') {
          j++;
        }
        if (j < text.length() && text.charAt(j) != '-' && text.charAt(j) != '#' && text.charAt(j) != ',' && text.charAt(j) != '}' && text.charAt(j) != ']') {
          String rest = text.substring(j, Math.min(text.length(), text.indexOf('\n', j) < 0 ? text.length() : text.indexOf('\n', j)));
          if (rest.contains(": ") || rest.endsWith(":")) {
            return false;
          }
        }
      }
    }
    return false;
  }

  private int matchingClose(int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      } else if (c == '#' && i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl;
      }
    }
    return text.length() - 1;
  }

  /** Offset just after the last line that belongs to a block whose lines are indented more than {@code indent} (or are blank/comments inside it). */
  private int endOfBlock(int from, int indent) {
    int lineEnd = text.indexOf('\n', from);
    if (lineEnd < 0) {
      return text.length();
    }
    // include continuation of a flow value spanning lines
    int pos = lineEnd + 1;
    int lastContent = pos;
    while (pos < text.length()) {
      int next = text.indexOf('\n', pos);
      int end = next < 0 ? text.length() : next + 1;
      String line = text.substring(pos, next < 0 ? text.length() : next);
      String stripped = line.strip();
      int ind = line.length() - line.stripLeading().length();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        pos = end;
        continue;
      }
      if (ind <= indent && !stripped.startsWith("- ") || ind < indent) {
        break;
      }
      if (ind <= indent && stripped.startsWith("- ") && indent > 0) {
        // a list item at the mapping's own indentation belongs to the mapping's parent
        break;
      }
      lastContent = end;
      pos = end;
    }
    return lastContent;
  }

  private static String stripTrailingComment(String after) {
    int nl = after.indexOf('\n');
    String line = nl < 0 ? after : after.substring(0, nl);
    int hash = line.indexOf(" #");
    if (hash >= 0 && line.substring(0, hash).isBlank()) {
      return (nl < 0 ? "" : after.substring(nl));
    }
    return after;
  }

  /** The dotted path split into keys, for callers that have a dotted string. */
  public static List<String> path(String dotted) {
    List<String> out = new ArrayList<>();
    for (String s : dotted.split("\\.")) {
      out.add(s);
    }
    return out;
  }
}
