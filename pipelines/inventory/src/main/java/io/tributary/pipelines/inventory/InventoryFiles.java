package io.tributary.pipelines.inventory;

import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.ReadParquetAsLines;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.io.SourceLine;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Inputs as day folders of files under a local or {@code s3://} root: {@code
 * <root>/vehicle/snapshot_date=D/*.csv} (or {@code .parquet}), one listing of all of an input's
 * days; CSV files have a header row (columns by name, each file's header checked when the graph
 * is built), Parquet columns are found by name. zip_dma is always CSV ({@code <root>/zip_dma/*.csv}).
 */
final class InventoryFiles extends InventorySource {
  /**
   * A read of at least this many files leaves each file's lines with the worker that read it (a
   * window of impressions: a file a day); fewer have their lines spread over the workers first.
   */
  static final int FILES_THAT_SHARE_THE_WORK = 16;

  private final String root;
  private final String format;
  /** Each input's files per day, as {@link #list} found them: read for headers and layouts without listing again. */
  private final Map<InventoryInput, NavigableMap<LocalDate, List<String>>> filesByDay = new EnumMap<>(InventoryInput.class);

  InventoryFiles(String root, String format) {
    this.root = root;
    this.format = format;
  }

  @Override
  protected NavigableSet<LocalDate> list(InventoryInput input) {
    NavigableMap<LocalDate, List<String>> byDay = new TreeMap<>();
    for (String file : files(root + "/" + input.folder + "/" + input.partition + "=*/*." + format)) {
      LocalDate day = InputParser.pathDay(input, file);
      if (day != null) {
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(file);
      }
    }
    filesByDay.put(input, byDay);
    return byDay.navigableKeySet(); // a view: the days and their files are one state
  }

  @Override
  protected Lines lines(Pipeline pipeline, InventoryInput input, List<LocalDate> days, PCollectionView<?> after) {
    Map<String, CsvHeader.Layout> layouts = new LinkedHashMap<>();
    List<String> patterns = new ArrayList<>();
    int fileCount = 0;
    for (LocalDate day : days) {
      if (!present(input, day)) {
        continue;
      }
      List<String> files = filesByDay.get(input).get(day); // present() listed them
      fileCount += files.size();
      if (format.equals("csv")) {
        layouts.putAll(CsvHeader.layoutsOfFiles(files, input.columns, false));
      } else {
        // Parquet records are rendered in the parser's column order, by column name.
        files.forEach(f -> layouts.put(f, CsvHeader.Layout.inOrder(input.columns.size())));
      }
      patterns.add(pattern(input, day));
    }
    // One read for all the days: a read per day costs a shuffle and a stage each on Spark. Many
    // files share the parsing out by themselves; a few (one day's snapshot) have their lines spread.
    boolean spread = fileCount < FILES_THAT_SHARE_THE_WORK;
    PCollection<SourceLine> all;
    if (patterns.isEmpty()) {
      all = pipeline.apply("No " + input.folder, Create.empty(TypeDescriptor.of(SourceLine.class)));
    } else if (format.equals("csv")) {
      ReadSourceLines read = ReadSourceLines.fromAll(patterns).withHeaderRow().csvRecords().after(after);
      all = pipeline.apply("Read " + input.folder, spread ? read : read.withoutSpreading());
    } else {
      ReadParquetAsLines read = ReadParquetAsLines.of(patterns, input.columns).after(after);
      all = pipeline.apply("Read " + input.folder, spread ? read : read.withoutSpreading());
    }
    return new Lines(all, layouts, null);
  }

  @Override
  protected Lines zipDmaLines(Pipeline pipeline) {
    String pattern = root + "/zip_dma/*.csv";
    return new Lines(pipeline.apply("ReadZipDma", ReadSourceLines.from(pattern).withHeaderRow().csvRecords()),
        CsvHeader.layouts(pattern, ZipDmaParser.COLUMNS, false), null);
  }

  @Override
  String where(InventoryInput input, LocalDate day) {
    return pattern(input, day);
  }

  @Override
  String describe() {
    return root;
  }

  private String pattern(InventoryInput input, LocalDate day) {
    return input.dayFolder(root, day) + "/*." + format;
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
}
