package io.tributary.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Reads text files (a glob, local or {@code s3://}) as {@link SourceLine}s, numbering lines from 1
 * so a rejected row can be traced back to its file and line. A first line equal to the expected
 * header is skipped; blank lines are skipped. A pattern that matches nothing is an error, not an
 * empty run. With {@link #csvRecords()}, a quoted field may span lines (a multi-line address): the
 * record is one {@link SourceLine} numbered by its first line, its lines joined by {@code \n}.
 */
public final class ReadSourceLines extends PTransform<PBegin, PCollection<SourceLine>> {
  static final int SPREAD_BUCKETS = 128;

  /** Header value meaning: skip the first record whatever it holds (checked by the caller). */
  private static final String ANY_HEADER = "\u0000any";

  private final java.util.List<String> filepatterns;
  private final String header;
  private final boolean csvRecords;
  private final int maxRecordBytes;
  private final boolean spread;
  private final PCollectionView<?> after;

  private ReadSourceLines(java.util.List<String> filepatterns, String header, boolean csvRecords, int maxRecordBytes,
      boolean spread, PCollectionView<?> after) {
    this.filepatterns = java.util.List.copyOf(filepatterns);
    this.header = header;
    this.csvRecords = csvRecords;
    this.maxRecordBytes = maxRecordBytes;
    this.spread = spread;
    this.after = after;
  }

  public static ReadSourceLines from(String filepattern) {
    return fromAll(java.util.List.of(filepattern));
  }

  /**
   * The files of several patterns (a day folder each, say) in one read: one match, one spread,
   * however many patterns (each must match a file).
   */
  public static ReadSourceLines fromAll(java.util.List<String> filepatterns) {
    return new ReadSourceLines(filepatterns, null, false, CsvRecordReader.DEFAULT_MAX_RECORD_BYTES, true, null);
  }

  /**
   * Skip the first record of each file when it names every column of {@code header} (a CSV list),
   * in any order and case: a header {@link CsvHeader#layouts} has mapped. A file without it is read
   * from its first line.
   */
  public ReadSourceLines withHeader(String header) {
    return new ReadSourceLines(filepatterns, header, csvRecords, maxRecordBytes, spread, after);
  }

  /** Skip the first record of each file: a header the caller has already checked (see {@link CsvHeader}). */
  public ReadSourceLines withHeaderRow() {
    return new ReadSourceLines(filepatterns, ANY_HEADER, csvRecords, maxRecordBytes, spread, after);
  }

  /** Let a quoted CSV field hold line breaks. */
  public ReadSourceLines csvRecords() {
    return new ReadSourceLines(filepatterns, header, true, maxRecordBytes, spread, after);
  }

  /** The largest record (a line, or the lines a quoted field spans) read as one; longer is a dead letter. */
  public ReadSourceLines withMaxRecordBytes(int bytes) {
    return new ReadSourceLines(filepatterns, header, csvRecords, bytes, spread, after);
  }

  /**
   * Leave each file's lines with the worker that read it. For a read of many files (a day folder
   * each): the files already share the work out, and spreading would shuffle every line, text and
   * path, before parsing (at 150M lines the largest cost of a run).
   */
  public ReadSourceLines withoutSpreading() {
    return new ReadSourceLines(filepatterns, header, csvRecords, maxRecordBytes, false, after);
  }

  /**
   * Match the files only once {@code signal} (a side input a later step of the caller reads) is
   * ready. A step that filters these lines by a side input would otherwise get its rows before the
   * side input is ready, and a runner that holds such rows back re-evaluates them: the DirectRunner
   * does, for every bundle, each time other work moves. Held back here, it is the few file
   * patterns that wait. Spark and Flink compute a side input before the stage that reads it, so
   * for them this only orders the reads. A null {@code signal} means no wait.
   */
  public ReadSourceLines after(PCollectionView<?> signal) {
    return new ReadSourceLines(filepatterns, header, csvRecords, maxRecordBytes, spread, signal);
  }

  /** True when the CSV record {@code line} names every column of {@code header}, in any order and case. */
  public static boolean isHeader(String line, String header) {
    try {
      java.util.Set<String> have = new java.util.HashSet<>();
      for (String field : CsvFields.split(line)) {
        have.add(normalise(field));
      }
      for (String column : header.split(",")) {
        if (!have.contains(normalise(column))) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalise(String s) {
    return s.replace("\uFEFF", "").trim().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return spread(open(input, filepatterns, after).apply("Lines", ParDo.of(new LinesFn(header, csvRecords, maxRecordBytes))),
        spread);
  }

  /**
   * The files of {@code filepatterns}, matched when the pipeline runs (each pattern must match a
   * file) and opened; with {@code after}, only once that side input is ready (see {@link #after}).
   */
  static PCollection<FileIO.ReadableFile> open(PBegin input, java.util.List<String> filepatterns, PCollectionView<?> after) {
    PCollection<String> patterns = input
        .apply("Patterns", org.apache.beam.sdk.transforms.Create.of(filepatterns)
            .withCoder(org.apache.beam.sdk.coders.StringUtf8Coder.of()));
    if (after != null) {
      patterns = patterns.apply("After", ParDo.of(new PassFn()).withSideInputs(after));
    }
    return patterns
        .apply("Match", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("Open", FileIO.readMatches());
  }

  /**
   * One file is read by one worker: spread its lines before the (costlier) parsing, or, when {@code
   * spread} is false, leave them where they are. A bounded number of random keys: one key per line
   * makes the DirectRunner crawl (per-key bookkeeping).
   */
  static PCollection<SourceLine> spread(PCollection<SourceLine> lines, boolean spread) {
    return spread ? lines.apply("Spread", Reshuffle.<SourceLine>viaRandomKey().withNumBuckets(SPREAD_BUCKETS)) : lines;
  }

  /** Passes the patterns on; its side input (not read) holds them back until it is ready. */
  private static final class PassFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String pattern, OutputReceiver<String> out) {
      out.output(pattern);
    }
  }

  private static final class LinesFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private final String header;
    private final boolean csvRecords;
    private final int maxRecordBytes;

    LinesFn(String header, boolean csvRecords, int maxRecordBytes) {
      this.header = header;
      this.csvRecords = csvRecords;
      this.maxRecordBytes = maxRecordBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (InputStream in = Channels.newInputStream(file.open())) {
        CsvRecordReader records = new CsvRecordReader(in, csvRecords, maxRecordBytes);
        for (CsvRecordReader.Record r = records.next(); r != null; r = records.next()) {
          if (r.problem != null) {
            out.output(SourceLine.malformed(source, r.line, r.text, r.problem));
            continue;
          }
          boolean isHeaderRow = r.line == 1 && header != null
              && (header.equals(ANY_HEADER) || isHeader(r.text, header));
          if (r.text.isBlank() || isHeaderRow) {
            continue;
          }
          out.output(SourceLine.of(source, r.line, r.text));
        }
      }
    }
  }
}
