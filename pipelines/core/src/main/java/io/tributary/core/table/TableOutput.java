package io.tributary.core.table;

import java.io.Serializable;

/**
 * What a step does to one table when it commits: append its files (raw trips, dead letters),
 * replace the partitions its files fall in (a day of supplier_stock, an as-of day of invoices),
 * overwrite the whole table (product, routes, report), or rewrite the partitions a key upsert
 * touched (store by item_id, see {@link io.tributary.core.write.UpsertByKey}), including partitions
 * the upsert left empty. Every operation is validated against the
 * snapshot the step started from: another run's conflicting change fails the commit instead of
 * being silently undone.
 */
public sealed interface TableOutput extends Serializable
    permits TableOutput.Append, TableOutput.ReplacePartitions, TableOutput.Overwrite, TableOutput.RewritePartitions {
  TableSpec table();

  /** Refuse to commit when the run wrote no row into this table: the table keeps its state. */
  boolean refuseIfEmpty();

  /** Whether rows written here count as the step's rows written (dead letters do not). */
  boolean countsAsWritten();

  String operation();

  record Append(TableSpec table, boolean refuseIfEmpty, boolean countsAsWritten) implements TableOutput {
    @Override
    public String operation() {
      return "append";
    }
  }

  record ReplacePartitions(TableSpec table, boolean refuseIfEmpty, boolean countsAsWritten) implements TableOutput {
    @Override
    public String operation() {
      return "replace-partitions";
    }
  }

  record Overwrite(TableSpec table, boolean refuseIfEmpty, boolean countsAsWritten) implements TableOutput {
    @Override
    public String operation() {
      return "overwrite";
    }
  }

  /**
   * Every file of the partitions the run touched (those its files fall in, and those it listed as
   * emptied) at the snapshot it started from is replaced by the run's files; other partitions stay.
   */
  record RewritePartitions(TableSpec table, boolean refuseIfEmpty, boolean countsAsWritten) implements TableOutput {
    @Override
    public String operation() {
      return "rewrite-partitions";
    }
  }

  static TableOutput append(TableSpec table) {
    return new Append(table, false, true);
  }

  /** Dead letters: appended, never refused, not counted as written. */
  static TableOutput deadLetters(TableSpec table) {
    return new Append(table, false, false);
  }

  /** A copy of an input as this run read it (the whole table replaced; its rows are not "written"). */
  static TableOutput snapshotOf(TableSpec table) {
    return new Overwrite(table, false, false);
  }

  static TableOutput replacePartitions(TableSpec table) {
    return new ReplacePartitions(table, false, true);
  }

  /** Rows a key upsert writes count as written where it says so (loaded rows), not here. */
  static TableOutput rewritePartitions(TableSpec table) {
    return new RewritePartitions(table, false, false);
  }

  static TableOutput overwrite(TableSpec table) {
    return new Overwrite(table, false, true);
  }

  /** The same output, refused when empty. */
  default TableOutput refusingEmpty() {
    if (this instanceof Append a) {
      return new Append(a.table(), true, a.countsAsWritten());
    } else if (this instanceof ReplacePartitions r) {
      return new ReplacePartitions(r.table(), true, r.countsAsWritten());
    } else if (this instanceof RewritePartitions r) {
      return new RewritePartitions(r.table(), true, r.countsAsWritten());
    }
    Overwrite o = (Overwrite) this;
    return new Overwrite(o.table(), true, o.countsAsWritten());
  }
}
