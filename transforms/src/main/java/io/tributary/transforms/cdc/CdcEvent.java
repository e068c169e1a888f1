package io.tributary.transforms.cdc;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One change event as a CDC source delivered it, before parsing: which source table it is about,
 * where it came from (a topic partition and offset, which order a key's events), the message key
 * and value (a Debezium envelope; null for a tombstone) and the broker's timestamp. Pipelines parse
 * these; the Kafka read ({@link ReadCdcEvents}) or a test's {@code TestStream} makes them.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class CdcEvent implements Serializable {
  public final String table;
  public final String topic;
  public final int partition;
  public final long offset;
  public final @Nullable String key;
  public final @Nullable String value;
  public final long timestampMs;

  @SchemaCreate
  public CdcEvent(String table, String topic, int partition, long offset, @Nullable String key, @Nullable String value,
      long timestampMs) {
    this.table = table;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.value = value;
    this.timestampMs = timestampMs;
  }

  /** Partition and offset as one ordering position (a key's events share a partition). */
  public long position() {
    return ((long) partition << 48) | offset;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CdcEvent)) {
      return false;
    }
    CdcEvent e = (CdcEvent) o;
    return table.equals(e.table) && topic.equals(e.topic) && partition == e.partition && offset == e.offset
        && Objects.equals(key, e.key) && Objects.equals(value, e.value) && timestampMs == e.timestampMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, topic, partition, offset);
  }

  @Override
  public String toString() {
    return topic + "/" + partition + "@" + offset;
  }
}
