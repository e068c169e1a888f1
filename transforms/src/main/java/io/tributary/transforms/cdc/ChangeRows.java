package io.tributary.transforms.cdc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Rows in and out of {@link Change}s: exact (RowCoder bytes), whatever the row's schema. */
public final class ChangeRows {
  private ChangeRows() {}

  public static Change upsert(String kind, String key, String sub, Row row, long tsMs, long offset) {
    return new Change(kind, key, sub, encode(row), tsMs, offset);
  }

  public static Change delete(String kind, String key, String sub, long tsMs, long offset) {
    return new Change(kind, key, sub, null, tsMs, offset);
  }

  public static byte[] encode(Row row) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RowCoder.of(row.getSchema()).encode(row, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The change's row, or null for a delete. */
  public static Row decode(Change change, Schema schema) {
    if (change.row == null) {
      return null;
    }
    try {
      return RowCoder.of(schema).decode(new ByteArrayInputStream(change.row));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
