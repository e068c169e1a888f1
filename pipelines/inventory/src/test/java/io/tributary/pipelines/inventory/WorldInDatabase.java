package io.tributary.pipelines.inventory;

import io.tributary.transforms.jdbc.JdbcUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hand-worked world's CSV files loaded into typed tables of a database, as a marketplace that
 * keeps its inputs in a database would: ids BIGINT, money NUMERIC(12,2), days DATE, instants
 * TIMESTAMP, text VARCHAR, each table with its partition's day as a DATE column. A cell that
 * converts is stored converted (the negative price stays negative, the broken VIN a string); an
 * impression filed under another day cannot be stored (the table's date is its partition), so it
 * is left out and counted.
 */
final class WorldInDatabase {
  private WorldInDatabase() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** Loads the world; returns the rows that could not be stored, as {@code folder/partition=day: line}. */
  static List<String> load(String url, Path csvRoot, String timestampType) throws IOException, java.sql.SQLException {
    List<String> left = new ArrayList<>();
    try (Connection c = JdbcUrls.connect(url)) {
      for (InventoryInput input : InventoryInput.values()) {
        List<String> columns = new ArrayList<>(input.columns);
        if (!columns.contains(input.partition)) {
          columns.add(0, input.partition);
        }
        create(c, input.folder, columns, timestampType);
        try (Stream<Path> files = Files.walk(csvRoot.resolve(input.folder))) {
          for (Path csv : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".csv")).sorted()::iterator) {
            String day = InputParser.pathDay(input, csv.toString()).toString();
            insert(c, input, columns, csv, day, left);
          }
        }
      }
      create(c, "zip_dma", ZipDmaParser.COLUMNS, timestampType);
      insert(c, null, ZipDmaParser.COLUMNS, csvRoot.resolve("zip_dma/zip_dma.csv"), null, left);
    }
    return left;
  }

  private static void create(Connection c, String table, List<String> columns, String timestampType)
      throws java.sql.SQLException {
    List<String> defs = new ArrayList<>();
    for (String column : columns) {
      String type = type(column);
      defs.add(column + " " + (type.equals("TIMESTAMP") ? timestampType : type));
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
    }
  }

  private static String type(String column) {
    switch (WorldColumn.of(column)) {
      case LONG:
        return "BIGINT";
      case INT:
        return "INTEGER";
      case MONEY:
        return "NUMERIC(12,2)";
      case DAY:
        return "DATE";
      case INSTANT:
        return "TIMESTAMP";
      default:
        return "VARCHAR(100)";
    }
  }

  private static void insert(Connection c, InventoryInput input, List<String> columns, Path csv, String day,
      List<String> left) throws IOException, java.sql.SQLException {
    String table = input == null ? "zip_dma" : input.folder;
    String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    try (BufferedReader in = Files.newBufferedReader(csv);
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")")) {
      List<String> header = List.of(in.readLine().split(","));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",", -1);
        if (input == InventoryInput.IMPRESSIONS && !cells[header.indexOf("date")].equals(day)) {
          left.add(input.folder + "/" + input.partition + "=" + day + ": " + line);
          continue;
        }
        for (int i = 0; i < columns.size(); i++) {
          String column = columns.get(i);
          String cell = header.contains(column) ? cells[header.indexOf(column)] : day;
          set(insert, i + 1, column, cell);
        }
        insert.executeUpdate();
      }
    }
  }

  private static void set(PreparedStatement p, int i, String column, String cell) throws java.sql.SQLException {
    WorldColumn kind = WorldColumn.of(column);
    if (cell.isEmpty()) {
      p.setNull(i, kind.sqlType);
      return;
    }
    switch (kind) {
      case LONG:
        p.setLong(i, Long.parseLong(cell));
        break;
      case INT:
        p.setInt(i, Integer.parseInt(cell));
        break;
      case MONEY:
        p.setBigDecimal(i, new BigDecimal(cell));
        break;
      case DAY:
        p.setObject(i, LocalDate.parse(cell));
        break;
      case INSTANT:
        p.setObject(i, LocalDateTime.parse(cell, TIME));
        break;
      default:
        p.setString(i, cell);
    }
  }
}
