package io.tributary.pipelines.inventory;

import io.tributary.core.table.TableSpec;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.InventorySchemas;
import java.util.List;

/** The inventory pipeline's lake tables, namespace {@code inventory}, each partitioned by day: a rerun replaces its days. */
public final class InventoryTables {
  private InventoryTables() {}

  public static final TableSpec ACTIVE_LISTINGS =
      TableSpec.of("inventory.active_listings", InventorySchemas.ACTIVE_LISTING).day("date");
  public static final TableSpec LISTING_ACTIVITY =
      TableSpec.of("inventory.listing_activity", InventorySchemas.LISTING_ACTIVITY).day("date");
  public static final TableSpec INVENTORY_GROUPS =
      TableSpec.of("inventory.inventory_groups", InventorySchemas.INVENTORY_GROUP).day("date");
  /** Rejected input rows of every inventory step, with the reason and the original text. */
  public static final TableSpec DEAD_LETTERS = TableSpec.of("inventory.dead_letters", DeadLetterSchema.TABLE).day("day");

  public static final List<TableSpec> DATA = List.of(ACTIVE_LISTINGS, LISTING_ACTIVITY, INVENTORY_GROUPS);
}
