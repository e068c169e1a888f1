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

  /** MariaDB's driver accepts {@code jdbc:mysql:} only when asked to. */
  public static String normalise(String url) {
    if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
      return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }
    return url;
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
