package io.tributary.transforms.cdc;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One change to one keyed row, as it flows between the stateful steps of a streaming pipeline:
 * the new row (encoded with its schema's RowCoder, see {@link ChangeRows}) or null for a delete.
 * {@code kind} says which table or intermediate the row belongs to, {@code key} is its primary
 * key, {@code sub} a secondary key inside a group (the item of an invoice, say). {@code tsMs} and
 * {@code offset} order changes of one key and carry the source time along for latency.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class Change implements Serializable {
  public final String kind;
  public final String key;
  public final String sub;
  public final byte @Nullable [] row;
  public final long tsMs;
  public final long offset;

  @SchemaCreate
  public Change(String kind, String key, String sub, byte @Nullable [] row, long tsMs, long offset) {
    this.kind = kind;
    this.key = key;
    this.sub = sub;
    this.row = row;
    this.tsMs = tsMs;
    this.offset = offset;
  }

  public boolean isDelete() {
    return row == null;
  }

  /** The same change under another kind and key (routing to the next step). */
  public Change as(String kind, String key, String sub) {
    return new Change(kind, key, sub, row, tsMs, offset);
  }

  /** True when this change is newer than one with {@code tsMs}/{@code offset}: later time, then later offset. */
  public boolean newerThan(long otherTsMs, long otherOffset) {
    return tsMs > otherTsMs || (tsMs == otherTsMs && offset > otherOffset);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Change)) {
      return false;
    }
    Change c = (Change) o;
    return kind.equals(c.kind) && key.equals(c.key) && sub.equals(c.sub) && Arrays.equals(row, c.row)
        && tsMs == c.tsMs && offset == c.offset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, key, sub, Arrays.hashCode(row), tsMs, offset);
  }

  @Override
  public String toString() {
    return kind + "[" + key + (sub.isEmpty() ? "" : "/" + sub) + "]" + (row == null ? " deleted" : "") + " @" + tsMs;
  }
}
