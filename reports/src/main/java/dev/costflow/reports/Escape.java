package dev.costflow.reports;

/**
 * Escaping of untrusted text (service ids, tags, resource names from bills) for each output
 * format. Renderers never write such text without passing it through here.
 */
public final class Escape {
  private Escape() {}

  /** HTML text and attribute values. */
  public static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Markdown inline text (including table cells): backslash-escapes every character Markdown or
   * GitHub could give meaning to, HTML-escapes angle brackets and ampersands, and flattens line
   * breaks, so a name can neither break the table nor inject links, images, mentions or HTML.
   */
  public static String markdown(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '!', '|', '~', '@', '$' -> b.append('\\').append(c);
        case '#', '+', '-', '.', '=' -> {
          // only meaningful at the start of a line (headings, lists, rules)
          if (i == 0) {
            b.append('\\');
          }
          b.append(c);
        }
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case ':' -> b.append(s.startsWith("//", i + 1) ? "\\:" : ":"); // no autolinked URLs
        case '\n', '\r', '\t' -> b.append(' ');
        default -> b.append(c < 0x20 ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** A CSV field: quoted when needed, and defused if a spreadsheet would read it as a formula. */
  public static String csv(String s) {
    String v = defuseFormula(s);
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /**
   * Text a spreadsheet would evaluate (starting with = + - @, or a tab or carriage return) gets a
   * leading apostrophe so it is shown as text (OWASP CSV injection guidance).
   */
  public static String defuseFormula(String s) {
    if (!s.isEmpty()) {
      char c = s.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        return "'" + s;
      }
    }
    return s;
  }

  /** A terminal table cell: control characters (escape sequences) removed. */
  public static String terminal(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }
}
