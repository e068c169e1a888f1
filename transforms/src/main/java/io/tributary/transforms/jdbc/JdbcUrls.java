package io.tributary.transforms.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** Driver lookup and connections for the databases Tributary supports: H2, MariaDB/MySQL, PostgreSQL. */
public final class JdbcUrls {
  private JdbcUrls() {}

  public static String driverFor(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return "org.h2.Driver";
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return "org.mariadb.jdbc.Driver";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    throw new IllegalArgumentException("unsupported JDBC URL '" + io.tributary.transforms.secrets.Redact.url(url)
        + "': use jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:");
  }

  /**
   * MariaDB's driver accepts {@code jdbc:mysql:} only when asked to. An H2 file database is opened
   * with {@code WRITE_DELAY=0} unless the URL sets it: H2 otherwise flushes a commit up to 500 ms
   * later, and a process killed in that time loses it (found by killing the stream: a committed
   * upsert, before the checkpoint that skipped past its input, was gone after the restart).
   */
  public static String normalise(String url) {
    if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
      return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }
    if (isH2File(url) && !url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
      return url + ";WRITE_DELAY=0";
    }
    return url;
  }

  /** {@code jdbc:h2:file:...} or {@code jdbc:h2:<path>}: an embedded database in files, not memory or a server. */
  private static boolean isH2File(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return false;
    }
    String rest = url.substring("jdbc:h2:".length());
    return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:") && !rest.startsWith("zip:");
  }

  public static Connection connect(String url) throws SQLException {
    try {
      Class.forName(driverFor(url));
    } catch (ClassNotFoundException e) {
      throw new SQLException("JDBC driver " + driverFor(url) + " is not on the classpath", e);
    }
    return DriverManager.getConnection(normalise(url));
  }

  public static JdbcIO.DataSourceConfiguration dataSource(String url) {
    return JdbcIO.DataSourceConfiguration.create(driverFor(url), normalise(url));
  }
}
