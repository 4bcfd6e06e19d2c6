package dev.costflow.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** JSON writing: numbers as exact plain decimals (never rounded, never in exponent form). */
public final class Json {
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A double as an exact JSON number (its shortest decimal form). */
  public static BigDecimal number(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    return strip(BigDecimal.valueOf(v));
  }

  public static BigDecimal strip(BigDecimal v) {
    BigDecimal s = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * Writes a tree, indented, with numbers as exact plain decimals. Walks the tree with a streaming
   * generator (no ObjectMapper: the command line starts faster without its machinery).
   */
  public static String write(ObjectNode node) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
      writeNode(g, node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out + "\n";
  }

  private static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();

  private static void writeNode(JsonGenerator g, com.fasterxml.jackson.databind.JsonNode n) throws java.io.IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = n.fields(); it.hasNext(); ) {
          java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
          g.writeFieldName(e.getKey());
          writeNode(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (com.fasterxml.jackson.databind.JsonNode c : n) {
          writeNode(g, c);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case NUMBER -> {
        if (n.isBigDecimal() || n.isDouble() || n.isFloat()) {
          g.writeNumber(n.decimalValue());
        } else if (n.isBigInteger()) {
          g.writeNumber(n.bigIntegerValue());
        } else {
          g.writeNumber(n.longValue());
        }
      }
      default -> g.writeString(n.asText());
    }
  }
}
