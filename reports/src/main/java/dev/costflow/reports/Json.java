package dev.costflow.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** JSON writing: numbers as exact plain decimals (never rounded, never in exponent form). */
public final class Json {
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

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

  public static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
