package io.tributary.pipelines.inventory;

import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.jdbc.ReadTableAsLines;
import io.tributary.transforms.secrets.Redact;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Inputs as tables of a database ({@code --input=jdbc:...}, {@code --input-format=jdbc}): tables
 * {@code vehicle}, {@code vehicle_history}, {@code impressions}, {@code leads} and {@code zip_dma},
 * with the file inputs' columns plus the partition's day as a DATE column of the same name
 * ({@code snapshot_date}, {@code event_date}, {@code date}; impressions' own {@code date} is it).
 * Each step lists an input's days with one {@code SELECT DISTINCT}, then reads a query per day; an
 * event table (history, impressions, leads) holds every day up to its last day.
 * Timestamps are rendered in UTC in the file format ({@code yyyy-MM-dd HH:mm:ss}), other values as
 * the driver renders them, and parsed by the same rules as files.
 */
final class InventoryJdbc extends InventorySource {
  private final String url;

  InventoryJdbc(String url) {
    this.url = url;
  }

  @Override
  protected NavigableSet<LocalDate> list(InventoryInput input) {
    return ReadTableAsLines.distinctDays(url, input.folder, input.partition);
  }

  /**
   * A table has no empty partition to say "no leads that day": an event table (history,
   * impressions, leads) holds every day up to its last day, a day without rows had none; a day
   * after its last is missing (not loaded yet). A vehicle snapshot day must have rows.
   */
  @Override
  boolean present(InventoryInput input, LocalDate day) {
    if (input == InventoryInput.VEHICLE) {
      return super.present(input, day);
    }
    NavigableSet<LocalDate> days = days(input);
    return !days.isEmpty() && !day.isAfter(days.last());
  }

  /** {@code after} is not applied: a table read is one query, not files to hold back. */
  @Override
  protected Lines lines(Pipeline pipeline, InventoryInput input, List<LocalDate> days, PCollectionView<?> after) {
    List<LocalDate> present = days.stream().filter(d -> present(input, d)).toList();
    return new Lines(pipeline.apply("Read " + input.folder, ReadTableAsLines.of(url, input.folder, input.columns)
            .forDays(input.partition, present).timestampsAs(Cells.INSTANT_PATTERN)),
        Map.of(), CsvHeader.Layout.inOrder(input.columns.size()));
  }

  @Override
  protected Lines zipDmaLines(Pipeline pipeline) {
    return new Lines(pipeline.apply("ReadZipDma", ReadTableAsLines.of(url, "zip_dma", ZipDmaParser.COLUMNS)),
        Map.of(), CsvHeader.Layout.inOrder(ZipDmaParser.COLUMNS.size()));
  }

  @Override
  String where(InventoryInput input, LocalDate day) {
    return "table " + input.folder + " where " + input.partition + " = " + day;
  }

  @Override
  String describe() {
    return Redact.url(url);
  }
}
