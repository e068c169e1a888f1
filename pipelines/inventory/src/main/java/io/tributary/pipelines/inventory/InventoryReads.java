package io.tributary.pipelines.inventory;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.ReadParquetAsLines;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.validation.DateRange;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Reading the marketplace's inputs by day: which days exist, and a day set's rows parsed with dead letters. */
final class InventoryReads {
  private InventoryReads() {}

  /** The input files' extension: {@code csv} or {@code parquet} ({@code --inputFormat}). */
  static String format(String inputFormat) {
    if (!inputFormat.equals("csv") && !inputFormat.equals("parquet")) {
      throw new IllegalArgumentException("--input-format '" + inputFormat + "': csv or parquet");
    }
    return inputFormat;
  }

  /** True when the day's folder holds at least one input file. */
  static boolean present(String root, String format, InventoryInput input, LocalDate day) {
    return !files(input.dayFolder(root, day) + "/*." + format).isEmpty();
  }

  /** The days of {@code input} under {@code root} (folders holding an input file), on or before {@code upTo}. */
  static List<LocalDate> days(String root, String format, InventoryInput input, LocalDate upTo) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (String file : files(root + "/" + input.folder + "/" + input.partition + "=*/*." + format)) {
      LocalDate day = InputParser.pathDay(input, file);
      if (day != null && !day.isAfter(upTo)) {
        days.add(day);
      }
    }
    return new ArrayList<>(days);
  }

  private static List<String> files(String pattern) {
    try {
      MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
      List<String> files = new ArrayList<>();
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : match.metadata()) {
          files.add(m.resourceId().toString());
        }
      }
      return files;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of {@code days} of {@code input}, parsed: {@link ParseWithDeadLetters#PARSED} and, for
   * rows of {@code reportDays} only, {@link ParseWithDeadLetters#DEAD_LETTERS} (a row of an earlier
   * day that a window re-reads was reported by its own day's run). Each file's header is checked now.
   */
  static PCollectionTuple read(Pipeline pipeline, String step, InventoryInput input, String root, String format,
      List<LocalDate> days, Set<LocalDate> reportDays, DateRange dates) {
    Map<String, CsvHeader.Layout> layouts = new LinkedHashMap<>();
    List<String> patterns = new ArrayList<>();
    for (LocalDate day : days) {
      String pattern = input.dayFolder(root, day) + "/*." + format;
      List<String> found = files(pattern);
      if (found.isEmpty()) {
        continue;
      }
      if (format.equals("csv")) {
        layouts.putAll(CsvHeader.layouts(pattern, input.columns, false));
      } else {
        // Parquet records are rendered in the parser's column order, by column name.
        found.forEach(f -> layouts.put(f, CsvHeader.Layout.inOrder(input.columns.size())));
      }
      patterns.add(pattern);
    }
    // One read for all the days: a read per day costs a shuffle and a stage each on Spark.
    PCollection<SourceLine> all = patterns.isEmpty()
        ? pipeline.apply("No " + input.folder, Create.empty(TypeDescriptor.of(SourceLine.class)))
        : format.equals("csv")
            ? pipeline.apply("Read " + input.folder, ReadSourceLines.fromAll(patterns).withHeaderRow().csvRecords())
            : pipeline.apply("Read " + input.folder, ReadParquetAsLines.of(patterns, input.columns));
    PCollectionTuple parsed = all.apply("Parse " + input.folder,
        ParseWithDeadLetters.of(step, input.schema, new InputParser(input, layouts, dates)));
    Set<LocalDate> report = new HashSet<>(reportDays);
    PCollection<Row> reported = parsed.get(ParseWithDeadLetters.DEAD_LETTERS)
        .apply("Reported " + input.folder, Filter.by((Row d) -> report.contains(InputParser.pathDay(input, d.getString("source")))))
        .setCoder(RowCoder.of(DeadLetterSchema.DEAD_LETTER));
    return PCollectionTuple.of(ParseWithDeadLetters.PARSED, parsed.get(ParseWithDeadLetters.PARSED))
        .and(ParseWithDeadLetters.DEAD_LETTERS, reported);
  }
}
