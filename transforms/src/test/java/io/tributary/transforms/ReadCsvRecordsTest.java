package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.io.SourceLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;
import org.junit.jupiter.api.io.TempDir;

public class ReadCsvRecordsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);
  @TempDir java.nio.file.Path folder;

  @Test
  public void quotedFieldsMaySpanLinesAndRecordsKeepTheirFirstLineNumber() throws Exception {
    Path file = java.nio.file.Files.createFile(folder.resolve("a.csv"));
    Files.writeString(file, "id,address\n1,\"12 High St\nUnit 4\nLeeds\"\n2,plain\n\n3,\"never closed\n");
    String f = file.toString();
    PCollection<SourceLine> lines = pipeline.apply(ReadSourceLines.from(f).withHeaderRow().csvRecords());
    PAssert.that(lines).containsInAnyOrder(SourceLine.of(f, 2, "1,\"12 High St\nUnit 4\nLeeds\""),
        SourceLine.of(f, 5, "2,plain"), SourceLine.malformed(f, 7, "3,\"never closed",
            "malformed CSV: a quoted field opened on line 7 is not closed before the end of the input"));
    pipeline.run();
  }

  @Test
  public void headerPositionsAndMissingColumnsNamed() throws Exception {
    Path file = java.nio.file.Files.createFile(folder.resolve("b.csv"));
    Files.writeString(file, "x, B ,a\n1,2,3\n");
    assertArrayEquals(new int[] {2, 1}, CsvHeader.positions(file.toString(), List.of("a", "b")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvHeader.positions(file.toString(), List.of("a", "c", "d")));
    assertEquals(file + " lacks column(s) c, d (header: x, B ,a; expected: a,c,d)", e.getMessage());
  }
}
