package dev.costflow.pricing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * Reads a YAML document into a {@link JsonNode} tree straight from the streaming parser, without
 * an {@code ObjectMapper}: the catalog is read at every start of the command line, and the mapper
 * machinery (hundreds of classes) would be most of that time. Floats are kept as exact decimals.
 */
final class YamlNodes {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private YamlNodes() {}

  static JsonNode read(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken t = p.nextToken();
      return t == null ? NODES.missingNode() : value(p, t);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(value(p, t));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(new BigDecimal(p.getText()));
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IOException("unexpected YAML token " + t);
    }
  }
}
