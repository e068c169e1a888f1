package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The activity weights, {@code kind=weight} per impression and lead kind. The defaults rank what a
 * shopper does by how close it is to a sale: appearing in a search result ({@code srp}) is mere
 * exposure (0.1); opening the listing ({@code vdp}) is interest (1), browsing its photos less (0.5);
 * saving or sharing it is a shortlist (3); a lead is a buyer contacting the dealer: email, chat and
 * text 10, a phone call 15, a wired lead (sent straight into the dealer's CRM, the best qualified) 20.
 */
final class Weights implements Serializable {
  static final String DEFAULT = "srp=0.1,vdp=1,photo_view=0.5,save=3,share=3,email=10,phone=15,chat=10,text=10,wired=20";

  private final Map<String, Double> weights;

  private Weights(Map<String, Double> weights) {
    this.weights = weights;
  }

  /** Parses {@code kind=weight,...}; an unknown kind, a repeated one or a negative weight is an error. */
  static Weights parse(String spec) {
    List<String> known = new ArrayList<>(InventorySchemas.IMPRESSION_KINDS);
    known.addAll(InventorySchemas.LEAD_KINDS);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String kind = eq < 0 ? p : p.substring(0, eq).trim();
      if (eq < 0 || !known.contains(kind)) {
        throw new IllegalArgumentException("--weights: '" + p + "' is not kind=weight with a kind of "
            + String.join(", ", known));
      }
      double w;
      try {
        w = Double.parseDouble(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--weights: weight of " + kind + " '" + p.substring(eq + 1) + "' is not a number");
      }
      if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("--weights: weight of " + kind + " must be 0 or more, got " + w);
      }
      if (weights.put(kind, w) != null) {
        throw new IllegalArgumentException("--weights: " + kind + " is given twice");
      }
    }
    return new Weights(weights);
  }

  double of(String kind) {
    return weights.getOrDefault(kind, 0.0);
  }

  /** Parses the window list: distinct whole days from 1 to 366, ascending. */
  static List<Integer> windows(String spec) {
    TreeSet<Integer> days = new TreeSet<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      int d;
      try {
        d = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--windows: '" + p + "' is not a whole number of days");
      }
      if (d < 1 || d > 366) {
        throw new IllegalArgumentException("--windows: " + d + " is outside 1..366 days");
      }
      days.add(d);
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("--windows: no window given");
    }
    return new ArrayList<>(days);
  }
}
