package io.tributary.pipelines.trips;

import io.tributary.transforms.jdbc.JdbcUrls;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A lon/lat rectangle of the {@code bounding_boxes} table; edges are inside. */
public final class BoundingBox implements Serializable {
  public final long id;
  public final double xMin;
  public final double yMin;
  public final double xMax;
  public final double yMax;

  public BoundingBox(long id, double xMin, double yMin, double xMax, double yMax) {
    if (xMin > xMax || yMin > yMax) {
      throw new IllegalArgumentException("bounding box " + id + " has min > max");
    }
    this.id = id;
    this.xMin = xMin;
    this.yMin = yMin;
    this.xMax = xMax;
    this.yMax = yMax;
  }

  public boolean contains(double lon, double lat) {
    return lon >= xMin && lon <= xMax && lat >= yMin && lat <= yMax;
  }

  /** {@code id:x_min,y_min,x_max,y_max;...} as given by --boundingBoxes (config writes the same). */
  public static List<BoundingBox> parse(String spec) {
    List<BoundingBox> boxes = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return boxes;
    }
    for (String item : spec.split(";")) {
      if (item.isBlank()) {
        continue;
      }
      try {
        String[] idAndCoords = item.trim().split(":");
        String[] c = idAndCoords[1].split(",");
        boxes.add(new BoundingBox(Long.parseLong(idAndCoords[0].trim()), Double.parseDouble(c[0]),
            Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3])));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad bounding box '" + item
            + "': expected id:x_min,y_min,x_max,y_max (" + e.getMessage() + ")", e);
      }
    }
    return boxes;
  }

  public String spec() {
    return id + ":" + xMin + "," + yMin + "," + xMax + "," + yMax;
  }

  public static List<BoundingBox> fromTable(String url) {
    List<BoundingBox> boxes = new ArrayList<>();
    try (Connection c = JdbcUrls.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, x_min, y_min, x_max, y_max FROM bounding_boxes ORDER BY id")) {
      while (rs.next()) {
        boxes.add(new BoundingBox(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read bounding_boxes at " + url + ": " + e.getMessage(), e);
    }
    return boxes;
  }
}
