package io.tributary.pipelines.trips;

import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.jdbc.JdbcTables;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.beam.sdk.values.Row;

/**
 * The seed's migrations: creates the {@code trips} and {@code bounding_boxes} tables and loads them
 * (trips from a challenge-format CSV, boxes from config). Trips keep their coordinates as the WKT
 * text they arrived in, so {@code ingest --source=jdbc:trips} applies the same strict parsing as for
 * files. A row whose datetime cannot be stored in the TIMESTAMP column is reported, not loaded.
 */
public final class TripsDatabase {
  private TripsDatabase() {}

  public static final class LoadResult {
    public final long loaded;
    public final long rejected;

    LoadResult(long loaded, long rejected) {
      this.loaded = loaded;
      this.rejected = rejected;
    }
  }

  public static LoadResult load(String url, Path csv, List<BoundingBox> boxes, boolean append, PrintStream log)
      throws IOException, SQLException {
    try (Connection c = JdbcUrls.connect(url)) {
      createTables(c);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        if (!append) {
          s.executeUpdate("DELETE FROM trips");
        }
        long nextId = 1;
        try (var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM trips")) {
          rs.next();
          nextId = rs.getLong(1) + 1;
        }
        long loaded = 0;
        long rejected = 0;
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
            PreparedStatement insert = c.prepareStatement(
                "INSERT INTO trips (id, region, origin_coord, destination_coord, datetime, datasource) VALUES (?, ?, ?, ?, ?, ?)")) {
          long lineNo = 0;
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank() || (lineNo == 1 && ReadSourceLines.isHeader(line, TripParser.HEADER))) {
              continue;
            }
            List<String> f;
            Timestamp when;
            try {
              f = CsvFields.split(line);
              if (f.size() != 5) {
                throw new IllegalArgumentException("expected 5 columns, got " + f.size());
              }
              when = new Timestamp(TripParser.datetime(f.get(3), io.tributary.transforms.validation.DateRange.DEFAULT).getMillis());
            } catch (RuntimeException e) {
              rejected++;
              log.printf("load-db: %s:%d not loaded: %s%n", csv, lineNo, e.getMessage());
              continue;
            }
            insert.setLong(1, nextId++);
            insert.setString(2, f.get(0));
            insert.setString(3, f.get(1));
            insert.setString(4, f.get(2));
            insert.setTimestamp(5, when, utc);
            insert.setString(6, f.get(4));
            insert.addBatch();
            if (++loaded % 1000 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
        replaceBoxes(c, boxes);
        c.commit();
        return new LoadResult(loaded, rejected);
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static void createTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS trips (id BIGINT PRIMARY KEY, region VARCHAR(255),"
          + " origin_coord VARCHAR(255), destination_coord VARCHAR(255), datetime TIMESTAMP,"
          + " datasource VARCHAR(255))");
      s.execute(JdbcTables.createTable("bounding_boxes", TripSchemas.BOUNDING_BOX));
    }
  }

  static void replaceBoxes(Connection c, List<BoundingBox> boxes) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM bounding_boxes");
    }
    try (PreparedStatement insert = c.prepareStatement(JdbcTables.insert("bounding_boxes", TripSchemas.BOUNDING_BOX))) {
      for (BoundingBox b : boxes) {
        JdbcTables.bind(insert, TripSchemas.BOUNDING_BOX,
            Row.withSchema(TripSchemas.BOUNDING_BOX).addValues(b.id, b.xMin, b.yMin, b.xMax, b.yMax).build());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
