package io.tributary.pipelines.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.SourceLine;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TripParserTest {
  private final TripParser parser = new TripParser("run1", 1_527_000_000_000L);

  private Row parse(String text) {
    return parser.parse(SourceLine.of("f.csv", 2, text));
  }

  @Test
  void parsesTheChallengeFormat() {
    Row row = parse("Prague,POINT (14.4973794438195 50.00136875782316),POINT (14.43109483523328 50.04052930943246),"
        + "2018-05-28 09:03:40,funny_car");
    assertEquals("Prague", row.getString("region"));
    assertEquals(14.4973794438195, row.getDouble("origin_lon"));
    assertEquals(50.00136875782316, row.getDouble("origin_lat"));
    assertEquals(14.43109483523328, row.getDouble("dest_lon"));
    assertEquals(50.04052930943246, row.getDouble("dest_lat"));
    // 2018-05-28 09:03:40 as a UTC instant.
    assertEquals(1_527_498_220_000L, row.getDateTime("datetime").getMillis());
    assertEquals("funny_car", row.getString("datasource"));
    assertEquals("run1", row.getString("ingestion_id"));
    // 1527000000000 ms = 2018-05-22T14:40:00Z.
    assertEquals("2018-05-22", row.getString("ingestion_date"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Turin,POINT (7.6 abc),POINT (7.7 45.0),2018-05-01 08:00:00,x | bad origin_coord",
    "Turin,POINT (7.6 45.0),POINT(7.7),2018-05-01 08:00:00,x | bad destination_coord",
    "Turin,POINT (7.6 95.0),POINT (7.7 45.0),2018-05-01 08:00:00,x | lat in [-90, 90]",
    "Turin,POINT (7.6 45.0),POINT (7.7 45.0),2018-02-30 08:00:00,x | bad datetime",
    "Turin,POINT (7.6 45.0),POINT (7.7 45.0),2018/05/01 08:00,x | bad datetime",
    "Turin,POINT (7.6 45.0),POINT (7.7 45.0),2018-05-01 08:00:00, | missing datasource",
    ",POINT (7.6 45.0),POINT (7.7 45.0),2018-05-01 08:00:00,x | missing region",
    "Turin,POINT (7.6 45.0),POINT (7.7 45.0),2018-05-01 08:00:00 | expected 5 columns",
    "Turin,POINT (7.6 45.0),POINT (7.7 45.0),2018-05-01 08:00:00,x,extra | got 6",
    "\"Turin,POINT (7.6 45.0) | malformed CSV",
  })
  void rejectsWithAReason(String line, String reason) {
    RowRejected e = assertThrows(RowRejected.class, () -> parse(line));
    assertTrue(e.getMessage().contains(reason.trim()), e.getMessage());
  }
}
