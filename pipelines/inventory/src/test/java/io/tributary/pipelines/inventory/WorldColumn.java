package io.tributary.pipelines.inventory;

import java.sql.Types;

/** The type another producer would store a column of the hand-worked world as (Parquet, a database). */
enum WorldColumn {
  LONG(Types.BIGINT), INT(Types.INTEGER), MONEY(Types.NUMERIC), DAY(Types.DATE), INSTANT(Types.TIMESTAMP),
  TEXT(Types.VARCHAR);

  /** The java.sql.Types a database column of this kind has (for a typed NULL). */
  final int sqlType;

  WorldColumn(int sqlType) {
    this.sqlType = sqlType;
  }

  static WorldColumn of(String column) {
    switch (column) {
      case "listing_id":
      case "dealer_id":
      case "mileage":
      case "count":
      case "lead_id":
        return LONG;
      case "model_year":
        return INT;
      case "price":
        return MONEY;
      case "date":
      case "snapshot_date":
      case "event_date":
        return DAY;
      case "listed_at":
      case "updated_at":
      case "event_at":
      case "created_at":
        return INSTANT;
      default:
        return TEXT;
    }
  }
}
