package io.tributary.pipelines.inventory;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Where a step reads the marketplace's inputs from ({@code --input}, {@code --input-format}): day
 * folders of CSV or Parquet files under a local or {@code s3://} root ({@link InventoryFiles}), or
 * tables of a database ({@link InventoryJdbc}). Either way each record becomes a CSV line named by
 * its input and day ({@code .../snapshot_date=2024-06-03/...}) and goes through the one {@link
 * InputParser}, so the rules and dead letters are the same whatever the storage.
 *
 * <p>Each input's days are listed once per step and kept: a step asks which days exist several
 * times while it builds its graph.
 */
abstract class InventorySource {
  private final Map<InventoryInput, NavigableSet<LocalDate>> listed = new EnumMap<>(InventoryInput.class);

  /** The source {@code options} name: files unless {@code --input-format=jdbc}. */
  static InventorySource of(InventoryOptions options) {
    String input = options.getInput();
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("inventory needs --input: the marketplace lake's root folder, s3:// root, "
          + "or a jdbc: URL with --input-format=jdbc");
    }
    String format = options.getInputFormat();
    boolean jdbcUrl = input.startsWith("jdbc:");
    if (format.equals("jdbc")) {
      if (!jdbcUrl) {
        throw new IllegalArgumentException("--input-format=jdbc needs --input=jdbc:...; got a path");
      }
      return new InventoryJdbc(input);
    }
    if (jdbcUrl) {
      throw new IllegalArgumentException("--input is a jdbc: URL: add --input-format=jdbc (the format is now '"
          + format + "')");
    }
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new IllegalArgumentException("--input-format '" + format + "': csv, parquet or jdbc");
    }
    return new InventoryFiles(input.endsWith("/") ? input.substring(0, input.length() - 1) : input, format);
  }

  /** The days holding rows (files) of {@code input}, in order. */
  protected abstract NavigableSet<LocalDate> list(InventoryInput input);

  /**
   * The records of {@code days} of {@code input} as CSV lines, and the column layout of each line's
   * source; read once {@code after} is ready when it is not null (files only: see
   * {@link io.tributary.transforms.io.ReadSourceLines#after}).
   */
  protected abstract Lines lines(Pipeline pipeline, InventoryInput input, List<LocalDate> days, PCollectionView<?> after);

  /** The zip_dma dimension as CSV lines, with layouts. */
  protected abstract Lines zipDmaLines(Pipeline pipeline);

  /** Where one day of {@code input} is looked for, for messages ({@code .../vehicle/snapshot_date=D/*.csv}). */
  abstract String where(InventoryInput input, LocalDate day);

  /** The source for messages, credentials left out. */
  abstract String describe();

  /** Lines and how to find the columns in them: by source, else {@code otherwise} (null: every source listed). */
  static final class Lines {
    final PCollection<SourceLine> lines;
    final Map<String, CsvHeader.Layout> layouts;
    final CsvHeader.Layout otherwise;

    Lines(PCollection<SourceLine> lines, Map<String, CsvHeader.Layout> layouts, CsvHeader.Layout otherwise) {
      this.lines = lines;
      this.layouts = layouts;
      this.otherwise = otherwise;
    }
  }

  /** True when {@code day} of {@code input} is there to read (a day folder with a file: rows or none). */
  boolean present(InventoryInput input, LocalDate day) {
    return days(input).contains(day);
  }

  /** The days of {@code input} on or before {@code upTo}. */
  final List<LocalDate> daysUpTo(InventoryInput input, LocalDate upTo) {
    return new ArrayList<>(days(input).headSet(upTo, true));
  }

  final NavigableSet<LocalDate> days(InventoryInput input) {
    return listed.computeIfAbsent(input, this::list);
  }

  /**
   * The rows of {@code days} of {@code input}, parsed: {@link ParseWithDeadLetters#PARSED} and, for
   * rows of {@code reportDays} only, {@link ParseWithDeadLetters#DEAD_LETTERS} (a row of an earlier
   * day that a window re-reads was reported by its own day's run).
   */
  final PCollectionTuple read(Pipeline pipeline, String step, InventoryInput input, List<LocalDate> days,
      Set<LocalDate> reportDays, DateRange dates) {
    return read(pipeline, step, input, days, reportDays, dates, null);
  }

  /** As {@link #read}, the rows read once {@code after} is ready (for a step that filters them by it). */
  final PCollectionTuple read(Pipeline pipeline, String step, InventoryInput input, List<LocalDate> days,
      Set<LocalDate> reportDays, DateRange dates, PCollectionView<?> after) {
    Lines lines = lines(pipeline, input, days, after);
    PCollectionTuple parsed = lines.lines.apply("Parse " + input.folder,
        ParseWithDeadLetters.of(step, input.schema, new InputParser(input, lines.layouts, lines.otherwise, dates)));
    Set<LocalDate> report = new HashSet<>(reportDays);
    PCollection<Row> reported = parsed.get(ParseWithDeadLetters.DEAD_LETTERS)
        .apply("Reported " + input.folder, Filter.by((Row d) -> report.contains(InputParser.pathDay(input, d.getString("source")))))
        .setCoder(RowCoder.of(DeadLetterSchema.DEAD_LETTER));
    return PCollectionTuple.of(ParseWithDeadLetters.PARSED, parsed.get(ParseWithDeadLetters.PARSED))
        .and(ParseWithDeadLetters.DEAD_LETTERS, reported);
  }

  /** The zip_dma rows, parsed, with dead letters. */
  final PCollectionTuple zipDma(Pipeline pipeline, String step) {
    Lines lines = zipDmaLines(pipeline);
    return lines.lines.apply("ParseZipDma",
        ParseWithDeadLetters.of(step, InventorySchemas.ZIP_DMA, new ZipDmaParser(lines.layouts, lines.otherwise)));
  }
}
