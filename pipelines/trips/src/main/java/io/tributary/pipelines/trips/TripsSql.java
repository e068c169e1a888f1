package io.tributary.pipelines.trips;

import io.tributary.transforms.jdbc.JdbcUrls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's two questions, shipped as SQL files ({@code sql/trips/*.sql} on the classpath and in the
 * source tree) in the subset of SQL that H2, MariaDB/MySQL and PostgreSQL all run.
 */
public final class TripsSql {
  /** File name to the question it answers, in the order they are run. */
  public static final Map<String, String> QUESTIONS = new LinkedHashMap<>();

  static {
    QUESTIONS.put("latest_datasource_top2_regions.sql",
        "From the two most commonly appearing regions, which is the latest datasource?");
    QUESTIONS.put("cheap_mobile_regions.sql", "What regions has the \"cheap_mobile\" datasource appeared in?");
  }

  private TripsSql() {}

  public static String text(String file) throws IOException {
    try (InputStream in = TripsSql.class.getResourceAsStream("/sql/trips/" + file)) {
      if (in == null) {
        throw new IOException("missing resource sql/trips/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs one shipped query; rows as lists of strings, column names lower-cased (H2 upper-cases them). */
  public static List<List<String>> run(String url, String file, List<String> columns) throws IOException, SQLException {
    String sql = text(file).replaceAll("(?m)^--.*$", "").trim();
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1);
    }
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
      }
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
