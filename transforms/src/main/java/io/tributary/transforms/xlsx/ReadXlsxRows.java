package io.tributary.transforms.xlsx;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.SourceLine;
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

/**
 * Reads the first sheet of xlsx files (a glob, local or {@code s3://}) as {@link SourceLine}s: one
 * per non-empty row, numbered as the spreadsheet numbers it, its cells as a CSV record (column A
 * first), so spreadsheet rows go through the same parse-or-dead-letter path as CSV lines.
 */
public final class ReadXlsxRows extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String filepattern;
  private final int headerRows;

  private ReadXlsxRows(String filepattern, int headerRows) {
    this.filepattern = filepattern;
    this.headerRows = headerRows;
  }

  public static ReadXlsxRows from(String filepattern) {
    return new ReadXlsxRows(filepattern, 0);
  }

  /** Skips spreadsheet rows 1..{@code rows} (a header, or a title block above it). */
  public ReadXlsxRows withHeaderRows(int rows) {
    return new ReadXlsxRows(filepattern, rows);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return input
        .apply("Match", FileIO.match().filepattern(filepattern).withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("Open", FileIO.readMatches().withCompression(org.apache.beam.sdk.io.Compression.UNCOMPRESSED))
        .apply("Rows", ParDo.of(new RowsFn(headerRows)))
        .apply("Spread", Reshuffle.<SourceLine>viaRandomKey().withNumBuckets(128));
  }

  private static final class RowsFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private final int headerRows;

    RowsFn(int headerRows) {
      this.headerRows = headerRows;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out) throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (InputStream in = Channels.newInputStream(file.open())) {
        XlsxSheet.read(in, source, (row, cells) -> {
          if (row > headerRows) {
            out.output(SourceLine.of(source, row, CsvFields.join(cells)));
          }
        });
      }
    }
  }
}
