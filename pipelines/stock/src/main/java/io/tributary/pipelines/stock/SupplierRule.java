package io.tributary.pipelines.stock;

import io.tributary.transforms.deadletter.RowRejected;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How one supplier's feed is read: where the part code and the stock cell are (1-based columns),
 * how many leading rows are header, and how a stock cell becomes a quantity. Loaded from
 * {@code config/suppliers.yaml} ({@link SupplierRules}), never hard-coded.
 */
public final class SupplierRule implements Serializable {
  /** The quantity rules of the config file. */
  public enum Quantity {
    CLAMP_0_10("clamp-0-10"), CONTAINS_Y("contains-y"), IN_STOCK("in-stock"), ALWAYS_10("always-10"),
    AS_GIVEN("as-given"), RTG_INVERTED("rtg-inverted");

    public final String name;

    Quantity(String name) {
      this.name = name;
    }

    static Quantity named(String name) {
      for (Quantity q : values()) {
        if (q.name.equals(name)) {
          return q;
        }
      }
      throw new IllegalArgumentException("unknown quantity rule '" + name + "'");
    }
  }

  public final String supplier;
  public final int codeColumn;
  /** 0 when the rule needs no stock column. */
  public final int stockColumn;
  public final int headerRow;
  public final Quantity quantity;
  /** in-stock: the whole cell values (trimmed, any case) that mean in stock; anything else is 0. */
  public final java.util.Set<String> inStockValues;

  SupplierRule(String supplier, int codeColumn, int stockColumn, int headerRow, Quantity quantity) {
    this(supplier, codeColumn, stockColumn, headerRow, quantity, java.util.Set.of("in stock"));
  }

  SupplierRule(String supplier, int codeColumn, int stockColumn, int headerRow, Quantity quantity,
      java.util.Set<String> inStockValues) {
    this.supplier = supplier;
    this.codeColumn = codeColumn;
    this.stockColumn = stockColumn;
    this.headerRow = headerRow;
    this.quantity = quantity;
    java.util.Set<String> values = new java.util.TreeSet<>();
    inStockValues.forEach(v -> values.add(v.trim().toLowerCase(Locale.ROOT)));
    this.inStockValues = java.util.Collections.unmodifiableSet(values);
    if (quantity == Quantity.IN_STOCK && values.isEmpty()) {
      throw new IllegalArgumentException(supplier + ": rule in-stock needs at least one inStock value");
    }
    if (codeColumn < 1) {
      throw new IllegalArgumentException(supplier + ": code column must be 1 or more");
    }
    boolean needsStock = quantity != Quantity.ALWAYS_10 && quantity != Quantity.RTG_INVERTED;
    if (needsStock && stockColumn < 1) {
      throw new IllegalArgumentException(supplier + ": rule " + quantity.name + " needs a stock column");
    }
  }

  public boolean isHeader(int rowNumber) {
    return rowNumber <= headerRow;
  }

  /** The part code of a row (trimmed), or rejected when blank. */
  public String code(List<String> cells) {
    String code = cell(cells, codeColumn).trim();
    if (code.isEmpty()) {
      throw new RowRejected("no part code in column " + codeColumn);
    }
    return quantity == Quantity.RTG_INVERTED ? code.toUpperCase(Locale.ROOT) : code;
  }

  /**
   * The quantity of a row under this supplier's rule (RTG's inversion happens later, against the
   * store). Fractional stock rounds down: 6.6 means 6 whole units can be sold.
   */
  public int quantity(List<String> cells) {
    String raw = stockColumn == 0 ? "" : cell(cells, stockColumn).trim();
    String lower = raw.toLowerCase(Locale.ROOT);
    switch (quantity) {
      case CLAMP_0_10:
        Double x = number(raw);
        return x == null ? 0 : (int) Math.min(Math.max(x, 0), 10);
      case CONTAINS_Y:
        return lower.contains("y") ? 10 : 0;
      case IN_STOCK:
        return inStockValues.contains(lower) ? 10 : 0; // the whole value: "Not in stock" is not in stock
      case ALWAYS_10:
        return 10;
      case AS_GIVEN:
        Double n = number(raw);
        if (n == null) {
          throw new RowRejected("stock '" + raw + "' in column " + stockColumn + " is not a number");
        }
        return (int) Math.floor(n);
      case RTG_INVERTED:
        return 0; // listed = out of stock
      default:
        throw new AssertionError(quantity);
    }
  }

  private static Double number(String raw) {
    try {
      return io.tributary.transforms.validation.Numbers.decimal(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String cell(List<String> cells, int column) {
    return column <= cells.size() ? cells.get(column - 1) : "";
  }
}
