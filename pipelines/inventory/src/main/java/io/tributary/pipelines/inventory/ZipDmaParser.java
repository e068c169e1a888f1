package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.SourceLine;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** A zip_dma row: a 5-digit zip, a DMA code of digits, a name and a two-letter state. */
final class ZipDmaParser implements LineParser {
  static final List<String> COLUMNS = List.of("zip_code", "dma_code", "dma_name", "state");
  private final Map<String, CsvHeader.Layout> layouts;
  private final CsvHeader.Layout otherwise;

  /** @param otherwise the layout of a source {@code layouts} does not list (null: each source is listed) */
  ZipDmaParser(Map<String, CsvHeader.Layout> layouts, CsvHeader.Layout otherwise) {
    this.layouts = layouts;
    this.otherwise = otherwise;
  }

  @Override
  public Row parse(SourceLine line) {
    CsvHeader.Layout layout = layouts.getOrDefault(line.source, otherwise);
    List<String> fields = LineParser.csvFields(line, layout.width);
    String[] c = new String[COLUMNS.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = fields.get(layout.positions[i]).trim();
    }
    if (!c[1].matches("[0-9]{1,6}")) {
      throw new io.tributary.transforms.deadletter.RowRejected("dma_code '" + c[1] + "' is not a DMA code (digits)");
    }
    if (!c[3].matches("[A-Z]{2}")) {
      throw new io.tributary.transforms.deadletter.RowRejected("state '" + c[3] + "' is not a two-letter state code");
    }
    return Row.withSchema(InventorySchemas.ZIP_DMA).addValues(Cells.zip(c[0]), c[1], Cells.text("dma_name", c[2]), c[3])
        .build();
  }
}
