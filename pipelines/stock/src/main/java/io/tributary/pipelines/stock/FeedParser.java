package io.tributary.pipelines.stock;

import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.io.SourceLine;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** A feed row (its cells as a CSV record) to (supplier, part_number, quantity) under the supplier's rule. */
final class FeedParser implements LineParser {
  private final SupplierRule rule;

  FeedParser(SupplierRule rule) {
    this.rule = rule;
  }

  @Override
  public Row parse(SourceLine line) {
    List<String> cells = LineParser.csvFields(line);
    return Row.withSchema(StockSchemas.FEED_ROW)
        .addValues(rule.supplier, rule.code(cells), rule.quantity(cells), line.source, line.line)
        .build();
  }
}
