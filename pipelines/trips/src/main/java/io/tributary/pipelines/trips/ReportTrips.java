package io.tributary.pipelines.trips;

import io.tributary.core.step.Lake;
import io.tributary.core.step.TableStep;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.aggregation.IsoWeeks;
import io.tributary.transforms.jdbc.ReplaceJdbcTable;
import io.tributary.transforms.metrics.CountAs;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 4, report: weekly average number of trips per region, per (region, route) and per bounding
 * box. The weeks are the ISO weeks from the first to the last trip week of the whole curated data,
 * both included, weeks without trips counted; weekly_average = trips in the area / weeks.
 * Written to the JDBC table {@code report_weekly_average} (replaced in one transaction) and to the
 * lake table {@code trips.weekly_average} (overwritten).
 */
public final class ReportTrips extends TableStep {
  public static final String NAME = "report";
  public static final String TABLE = "report_weekly_average";
  static final String REGION = "region_weekly_average";
  static final String ROUTE = "region_route_weekly_average";
  static final String BBOX = "bounding_box_weekly_average";

  private final TripsOptions options;

  public ReportTrips(TripsOptions options) {
    super(NAME, options);
    this.options = options;
  }

  List<BoundingBox> boxes() {
    String source = options.getBoundingBoxSource();
    if ("jdbc".equals(source)) {
      return BoundingBox.fromTable(Lake.jdbcUrl(options));
    }
    if ("options".equals(source) || "config".equals(source)) {
      return BoundingBox.parse(options.getBoundingBoxes());
    }
    throw new IllegalArgumentException("--boundingBoxSource must be options or jdbc, got '" + source + "'");
  }

  @Override
  protected void build(Pipeline pipeline) {
    if (!tables().hasRows(TripsTables.CURATED) || !tables().hasRows(TripsTables.ROUTES)) {
      throw new IllegalStateException("no curated trips or routes in " + TripsTables.CURATED + " / " + TripsTables.ROUTES
          + ": run `tributary trips transform` and `tributary trips routes` first");
    }
    List<BoundingBox> boxes = boxes();
    PCollection<Row> trips = pipeline
        .apply("ReadCurated", tables().read(TripsTables.CURATED, Lake.readVersion(options), "run trips transform first"))
        .apply("CountRead", CountAs.read(NAME));
    PCollection<Row> routed = pipeline
        .apply("ReadRoutes", tables().read(TripsTables.ROUTES, Lake.readVersion(options), "run trips routes first"));

    PCollection<Long> epochDays = trips.apply("EpochDay", MapElements.into(TypeDescriptors.longs())
        .via(t -> Trips.localDateTime(t.getDateTime("datetime")).toLocalDate().toEpochDay()));
    PCollectionView<Long> first = epochDays.apply("First", Min.longsGlobally()).apply("FirstView", View.asSingleton());
    PCollectionView<Long> last = epochDays.apply("Last", Max.longsGlobally()).apply("LastView", View.asSingleton());

    // Every area is counted as KV(area(report, region, route, bbox), n) and summed, so areas with no trips
    // (a bounding box nobody crossed) still get a row with 0.
    PCollection<KV<String, Long>> regions = trips
        .apply("RegionKey", MapElements.into(TypeDescriptors.strings()).via(t -> area(REGION, t.getString("region"), null, null)))
        .apply("CountRegions", Count.perElement());
    PCollection<KV<String, Long>> routes = routed
        .apply("RouteKey", MapElements.into(TypeDescriptors.strings())
            .via(t -> area(ROUTE, t.getString("region"), t.getInt32("route"), null)))
        .apply("CountRoutes", Count.perElement());
    List<BoundingBox> boxList = new ArrayList<>(boxes);
    PCollection<KV<String, Long>> inBoxes = trips
        .apply("BoxKeys", FlatMapElements.into(TypeDescriptors.strings()).via(t -> boxesOf(t, boxList)))
        .apply("CountBoxes", Count.perElement());
    List<KV<String, Long>> zeros = new ArrayList<>();
    boxes.forEach(b -> zeros.add(KV.of(area(BBOX, null, null, b.id), 0L)));
    PCollection<KV<String, Long>> emptyBoxes = pipeline.apply("AllBoxes",
        Create.of(zeros).withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));

    PCollection<Row> report = PCollectionList.of(regions).and(routes).and(inBoxes).and(emptyBoxes)
        .apply("Areas", Flatten.pCollections())
        .apply("SumPerArea", Sum.longsPerKey())
        .apply("WeeklyAverage", ParDo.of(new WeeklyAverageFn(first, last)).withSideInputs(first, last))
        .setRowSchema(TripSchemas.WEEKLY_AVERAGE);

    report.apply("WriteTable", tables().write(TableOutput.overwrite(TripsTables.WEEKLY_AVERAGE)));
    report.apply("WriteJdbc", ReplaceJdbcTable.of(Lake.jdbcUrl(options), TABLE));
  }

  /** Fields of an area key; a control character, so any region name (even with '|') survives. */
  private static final String SEP = "\u0001";

  static String area(String report, String region, Integer route, Long bboxId) {
    return report + SEP + (region == null ? "" : region) + SEP + (route == null ? "" : route) + SEP
        + (bboxId == null ? "" : bboxId);
  }

  /** Boxes holding both ends of the trip. */
  static List<String> boxesOf(Row trip, List<BoundingBox> boxes) {
    List<String> inside = new ArrayList<>();
    for (BoundingBox b : boxes) {
      if (b.contains(trip.getDouble("origin_lon"), trip.getDouble("origin_lat"))
          && b.contains(trip.getDouble("dest_lon"), trip.getDouble("dest_lat"))) {
        inside.add(area(BBOX, null, null, b.id));
      }
    }
    return inside;
  }

  private static final class WeeklyAverageFn extends DoFn<KV<String, Long>, Row> {
    private final PCollectionView<Long> first;
    private final PCollectionView<Long> last;

    WeeklyAverageFn(PCollectionView<Long> first, PCollectionView<Long> last) {
      this.first = first;
      this.last = last;
    }

    @ProcessElement
    public void process(@Element KV<String, Long> area, ProcessContext context) {
      long weeks = IsoWeeks.inclusiveSpan(java.time.LocalDate.ofEpochDay(context.sideInput(first)),
          java.time.LocalDate.ofEpochDay(context.sideInput(last)));
      String[] parts = area.getKey().split(SEP, -1);
      context.output(Row.withSchema(TripSchemas.WEEKLY_AVERAGE)
          .addValues(parts[0], parts[1].isEmpty() ? null : parts[1],
              parts[2].isEmpty() ? null : Integer.valueOf(parts[2]),
              parts[3].isEmpty() ? null : Long.valueOf(parts[3]),
              area.getValue(), weeks, (double) area.getValue() / weeks)
          .build());
    }
  }

}
