package io.tributary.pipelines.stock;

import io.tributary.core.table.TableSpec;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.StockSchemas;
import java.util.List;

/**
 * The stock pipeline's lake tables, namespace {@code stock}, partitioned as the seed's bucket was
 * (store by eBay store and supplier, supplier_stock by supplier and day, ebay by store), and where
 * its downloads go.
 */
public final class StockTables {
  private StockTables() {}

  /** Which custom label a supplier's part number is sold under: replaced whole by each load. */
  public static final TableSpec PRODUCT = TableSpec.of("stock.product", StockSchemas.PRODUCT);
  /** The eBay listings, upserted by item_id; few partitions of millions of rows: 8 writers each. */
  public static final TableSpec STORE =
      TableSpec.of("stock.store", StockSchemas.STORE).identity("ebay_store").identity("supplier").shards(8);
  /** Each supplier's stock per day; a feed replaces its supplier's day. */
  public static final TableSpec SUPPLIER_STOCK =
      TableSpec.of("stock.supplier_stock", StockSchemas.SUPPLIER_STOCK).identity("supplier").day("updated_date");
  /** What to set on each listing: replaced whole by each ebay run. */
  public static final TableSpec EBAY = TableSpec.of("stock.ebay", StockSchemas.EBAY).identity("ebay_store").shards(8);
  /** Rejected rows of every stock step, with the reason and the original text. */
  public static final TableSpec DEAD_LETTERS = TableSpec.of("stock.dead_letters", DeadLetterSchema.TABLE).day("day");

  public static final List<TableSpec> DATA = List.of(PRODUCT, STORE, SUPPLIER_STOCK, EBAY);

  /** {@code <lake>/exports/ebay}: {@code ebay_store=E/revise.csv} per store, for eBay's File Exchange. */
  public static String ebayExports(String lakeRoot) {
    return lakeRoot + "/exports/ebay";
  }
}
