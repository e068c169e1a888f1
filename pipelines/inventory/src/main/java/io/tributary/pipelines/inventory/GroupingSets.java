package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The configured grouping sets: each a list of vehicle attributes, crossed with zip code and DMA. */
final class GroupingSets implements Serializable {
  static final List<String> LOCATION_LEVELS = List.of("zip", "dma");

  final List<List<String>> sets;

  private GroupingSets(List<List<String>> sets) {
    this.sets = sets;
  }

  /** {@code make,model;body_style}: an unknown attribute, an empty or a repeated set is an error. */
  static GroupingSets parse(String spec) {
    LinkedHashSet<List<String>> sets = new LinkedHashSet<>();
    for (String part : spec.split(";")) {
      List<String> set = new ArrayList<>();
      for (String a : part.split(",")) {
        String attribute = a.trim();
        if (attribute.isEmpty()) {
          continue;
        }
        if (!InventorySchemas.GROUP_ATTRIBUTES.contains(attribute)) {
          throw new IllegalArgumentException("--grouping-sets: '" + attribute + "' is not one of "
              + String.join(", ", InventorySchemas.GROUP_ATTRIBUTES));
        }
        if (set.contains(attribute)) {
          throw new IllegalArgumentException("--grouping-sets: '" + attribute + "' twice in one set");
        }
        set.add(attribute);
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("--grouping-sets: an empty set in '" + spec + "'");
      }
      if (!sets.add(set)) {
        throw new IllegalArgumentException("--grouping-sets: " + String.join(",", set) + " is given twice");
      }
    }
    return new GroupingSets(new ArrayList<>(sets));
  }
}
