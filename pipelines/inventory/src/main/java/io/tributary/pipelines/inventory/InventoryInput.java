package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/** The marketplace's day-partitioned inputs: folder, partition column, CSV columns, parsed schema. */
enum InventoryInput {
  VEHICLE("vehicle", "snapshot_date", InventorySchemas.VEHICLE, List.of("listing_id", "vin", "dealer_id", "zip_code",
      "make", "model", "model_year", "trim", "body_style", "stock_type", "price", "mileage", "listed_at", "status",
      "updated_at")),
  HISTORY("vehicle_history", "event_date", InventorySchemas.VEHICLE_HISTORY,
      List.of("listing_id", "vin", "event_at", "event", "price")),
  IMPRESSIONS("impressions", "date", InventorySchemas.IMPRESSION, List.of("listing_id", "date", "kind", "count")),
  LEADS("leads", "date", InventorySchemas.LEAD, List.of("lead_id", "listing_id", "created_at", "kind"));

  final String folder;
  final String partition;
  final Schema schema;
  final List<String> columns;
  /** The partition day in a file's path: compiled once, it is matched for every record read. */
  final java.util.regex.Pattern dayInPath;

  InventoryInput(String folder, String partition, Schema schema, List<String> columns) {
    this.folder = folder;
    this.partition = partition;
    this.dayInPath = java.util.regex.Pattern.compile("/" + partition + "=([0-9]{4}-[0-9]{2}-[0-9]{2})/");
    this.schema = schema;
    this.columns = columns;
  }

  /** The folder of one day: {@code <root>/vehicle/snapshot_date=2024-06-03}. */
  String dayFolder(String root, java.time.LocalDate day) {
    return root + "/" + folder + "/" + partition + "=" + day;
  }
}
