package io.tributary.pipelines.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The per-supplier feed rules of a config file ({@code config/suppliers.yaml}). */
public final class SupplierRules implements Serializable {
  private final String file;
  private final Map<String, SupplierRule> rules;

  private SupplierRules(String file, Map<String, SupplierRule> rules) {
    this.file = file;
    this.rules = rules;
  }

  public static SupplierRules load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read supplier rules " + file + ": " + e.getMessage(), e);
    }
    JsonNode suppliers = root == null ? null : root.get("suppliers");
    if (suppliers == null || !suppliers.isObject()) {
      throw new IllegalArgumentException(file + " has no 'suppliers:' map");
    }
    Map<String, SupplierRule> rules = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = suppliers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      try {
        java.util.Set<String> inStock = new java.util.LinkedHashSet<>();
        r.path("inStock").forEach(v -> inStock.add(v.asText()));
        rules.put(e.getKey(), new SupplierRule(e.getKey(), r.path("code").asInt(0), r.path("stock").asInt(0),
            r.path("headerRow").asInt(1), SupplierRule.Quantity.named(r.path("quantity").asText("")),
            inStock.isEmpty() ? java.util.Set.of("in stock") : inStock));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(file + ", supplier " + e.getKey() + ": " + bad.getMessage(), bad);
      }
    }
    return new SupplierRules(file.toString(), rules);
  }

  /** The rule of {@code supplier}; an unknown supplier is an error naming the config file. */
  public SupplierRule rule(String supplier) {
    SupplierRule rule = rules.get(supplier);
    if (rule == null) {
      throw new IllegalArgumentException("no feed rule for supplier '" + supplier + "' in " + file
          + " (known: " + String.join(", ", rules.keySet()) + ")");
    }
    return rule;
  }
}
