package io.tributary.transforms.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The only way a table or column name gets into SQL. A name is first checked against
 * {@code [A-Za-z_][A-Za-z0-9_]*} (optionally {@code schema.table}); a name that comes from a user
 * (a {@code --source=jdbc:TABLE}) is then looked up through {@link DatabaseMetaData}, never through
 * a query, and written back as the database stores it, quoted with the driver's own identifier
 * quote. So {@code trips; DROP TABLE x} is refused before any statement runs, and {@code tr_ps}
 * (an underscore is a wildcard in metadata patterns) does not find {@code trips}.
 */
public final class SqlIdentifiers {
  private SqlIdentifiers() {}

  private static final String PART = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern NAME = Pattern.compile(PART);
  private static final Pattern TABLE = Pattern.compile(PART + "(\\." + PART + ")?");

  /** {@code name} when it is a plain identifier, else an error saying what is accepted. */
  public static String column(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a valid column name: letters, digits and _ only,"
          + " not starting with a digit");
    }
    return name;
  }

  /** {@code name} when it is a plain, optionally schema-qualified, table name, else an error. */
  public static String table(String name) {
    if (name == null || !TABLE.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a valid table name: [schema.]table with letters,"
          + " digits and _ only, not starting with a digit");
    }
    return name;
  }

  /** A table that exists, with its columns, as the database spells them. */
  public static final class ResolvedTable {
    public final String name;
    /** Quoted, schema-qualified when asked so: safe to put in SQL as it is. */
    public final String quoted;
    /** Column names as stored, by lower-case name, in table order. */
    public final Map<String, String> columns;
    private final String quote;

    ResolvedTable(String name, String quoted, Map<String, String> columns, String quote) {
      this.name = name;
      this.quoted = quoted;
      this.columns = columns;
      this.quote = quote;
    }

    /** The quoted column {@code name} (any case), or null when the table has none. */
    public String quotedColumn(String name) {
      String stored = columns.get(name.toLowerCase(Locale.ROOT));
      return stored == null ? null : quote(stored, quote);
    }
  }

  /**
   * Validates {@code name}, finds the table through metadata (in the connection's current schema
   * unless qualified) and returns it quoted, with its columns.
   *
   * @throws IllegalArgumentException when the name is not an identifier or the table does not exist
   */
  public static ResolvedTable resolve(Connection connection, String name) throws SQLException {
    table(name);
    DatabaseMetaData meta = connection.getMetaData();
    int dot = name.indexOf('.');
    String schema = dot < 0 ? null : name.substring(0, dot);
    String table = dot < 0 ? name : name.substring(dot + 1);
    List<String[]> found = new ArrayList<>();
    // MariaDB/MySQL call a database a catalog and have no schemas; H2 and PostgreSQL have schemas.
    String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    boolean catalogs = product.contains("mariadb") || product.contains("mysql");
    String owner = schema != null ? schema : catalogs ? connection.getCatalog() : connection.getSchema();
    // Listed by owner, matched here by exact (case-insensitive) name: no pattern ever sees the name.
    try (ResultSet rs = catalogs
        ? meta.getTables(owner, null, null, new String[] {"TABLE", "VIEW", "BASE TABLE"})
        : meta.getTables(connection.getCatalog(), null, null, new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        String o = rs.getString(catalogs ? "TABLE_CAT" : "TABLE_SCHEM");
        String t = rs.getString("TABLE_NAME");
        if ((owner == null || owner.equalsIgnoreCase(o)) && table.equalsIgnoreCase(t)) {
          found.add(new String[] {o, t});
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " does not exist");
    }
    String[] hit = found.get(0);
    for (String[] candidate : found) {
      if (candidate[1].equals(table)) {
        hit = candidate; // an exact-case match wins over a case-insensitive one
      }
    }
    String quote = quoteString(meta);
    String quoted = (schema == null ? "" : quote(hit[0], quote) + ".") + quote(hit[1], quote);
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet rs = meta.getColumns(catalogs ? hit[0] : connection.getCatalog(), catalogs ? null : hit[0],
        escape(hit[1], meta.getSearchStringEscape()), null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(hit[1])) {
          columns.putIfAbsent(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("COLUMN_NAME"));
        }
      }
    }
    return new ResolvedTable(name, quoted, columns, quote);
  }

  private static String quoteString(DatabaseMetaData meta) throws SQLException {
    String q = meta.getIdentifierQuoteString();
    return q == null || q.isBlank() ? "\"" : q.trim();
  }

  /** {@code stored} inside the driver's quotes, a quote inside doubled (none can be: names are validated). */
  static String quote(String stored, String quote) {
    return quote + stored.replace(quote, quote + quote) + quote;
  }

  /** Escapes metadata pattern wildcards ({@code _}, {@code %}) so a name matches only itself. */
  static String escape(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }
}
