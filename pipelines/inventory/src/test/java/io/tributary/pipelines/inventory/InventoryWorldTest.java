package io.tributary.pipelines.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.testing.Checkout;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-worked world of {@code samples/inventory}: twelve listings over 2024-06-01..10, every
 * output column of 2024-06-10 worked by hand from the input files (windows 1 and 3 days, group
 * window 3, grouping sets make and body_style, the default weights):
 *
 * <pre>
 * listing  what happens                                              active on
 * 101      Toyota Camry, listed 05-20                                 every day
 * 102      Toyota Camry, listed 06-02, sold 06-08 (snapshot still says active)  06-02..06-07
 * 103      Honda Civic, listed 05-25, removed 06-05, relisted 06-07    06-01..04, 06-07..10
 * 104/105  one VIN: 104 (updated 06-09 10:00) and, from 06-10, 105 (updated 06-10 08:00)
 *          -> 105 kept on 06-10, 104 a dead letter                   104: 06-01..09, 105: 06-10
 *          a chat lead for 105 on 06-09, when 105 is in no snapshot yet: a dead letter of 06-09,
 *          so never counted, not even in 06-10's 3-day window or 1-day previous window
 * 106      Ford F-150, two snapshot rows on 06-10: the newer (52000, updated 06-10 06:00) wins
 * 107      status pending: never active (a lead for it is not a dead letter: the listing is known)
 * 108-110  06-10 only: negative price, bad VIN, unknown status -> dead letters
 * 111      Tesla Model 3 in zip 60602, which zip_dma lacks -> DMA "unknown"
 * 112      Toyota RAV4, price change 06-09 (31500)
 * active per day: 6 7 7 7 6 6 7 6 6 6
 *
 * activity on 06-10 (weights srp .1, vdp 1, photo_view .5, save 3, share 3, email 10, phone 15,
 * chat 10, text 10, wired 20); w1 = 06-10, prev 06-09; w3 = 06-08..10, prev 06-05..07:
 * 101 w1: srp 100 vdp 10, email + wired -> 110 impr, 2 leads (1 wired); prev srp 80 vdp 8 save 1 (89),
 *         phone 1; score 10+10+10+20 = 50, prev 8+8+3+15 = 34
 * 101 w3: srp 230 vdp 18 save 1 (249), email wired phone (3, 1 wired); prev srp 20 vdp 5 share 2 (27),
 *         chat 1; score 23+18+3+10+20+15 = 89, prev 2+5+6+10 = 23
 * 105:    srp 30 vdp 3 on 06-10 -> both windows 33, score 6
 * 112 w1: photo_view 4 -> score 2; w3: + text lead 06-08 -> score 12; prev srp 10 (06-07) -> 1
 * 103, 106, 111: nothing -> zeros
 * (rejected on 06-10: an impression of kind banner, one dated 06-09 in the 06-10 folder, a lead
 *  for listing 999)
 * </pre>
 */
public class InventoryWorldTest {
  static final String WORLD = Checkout.path("samples/inventory").toString();
  static final String DAY = "2024-06-10";

  @TempDir Path dir;

  InventoryOptions options(Path lake, String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--lake=" + lake, "--runId=" + runId,
        "--input=" + WORLD, "--windows=1,3", "--groupWindowDays=3", "--groupingSets=make;body_style"));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(InventoryOptions.class);
  }

  /** The step's report, or null when every day of the step was published already. */
  static StepReport run(InventoryOptions options, Function<InventoryOptions, InventoryStep> step) {
    InventoryStep s = step.apply(options);
    return s.days().isEmpty() ? null : new StepExecutor(options, System.err).run(s);
  }

  /** active, activity and groups: their reports, in that order. */
  static List<StepReport> runAll(InventoryOptions options) {
    List<StepReport> reports = new ArrayList<>();
    reports.add(run(options, ActiveListings::new));
    reports.add(run(options, ListingActivity::new));
    reports.add(run(options, InventoryGroups::new));
    return reports;
  }

  /** The table's rows of {@code day} (all days if null), as the given columns' values, sorted. */
  static List<String> rows(Path lake, String table, String day, String... columns) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(lake, table)) {
      if (day == null || day.equals(r.get("date"))) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          values.add(r.get(c));
        }
        lines.add(String.join(" ", values));
      }
    }
    lines.sort(null);
    return lines;
  }

  static final String[] ACTIVE = {"listing_id", "vin", "dealer_id", "zip_code", "make", "model", "model_year", "trim",
      "body_style", "stock_type", "price", "mileage", "listed_at", "updated_at", "first_listed", "days_on_market"};
  static final String[] ACTIVITY = {"listing_id", "window_days", "srp", "vdp", "photo_view", "save", "share",
      "total_impressions", "email_leads", "phone_leads", "chat_leads", "text_leads", "wired_leads", "total_leads",
      "prev_total_impressions", "prev_total_leads", "prev_wired_leads", "activity_score", "prev_activity_score",
      "days_on_market"};
  static final String[] GROUP = {"grouping", "location_level", "location", "make", "body_style", "model",
      "model_year", "stock_type", "active_listings", "median_price", "mean_price", "mean_mileage",
      "mean_days_on_market", "total_activity", "activity_per_listing", "total_leads", "leads_per_listing"};

  @Test
  public void oneDayEveryColumnAsWorkedByHand() throws Exception {
    Path lake = dir.resolve("lake");
    InventoryOptions options = options(lake, "r1", "--date=" + DAY, "--groupsJdbc=true");
    List<StepReport> reports = runAll(options);

    assertEquals(List.of(
        "101 JTDKB20U0A0000101 1 10001 Toyota Camry 2022 SE sedan used 24000.0 30000 2024-05-20T09:00Z 2024-05-20T09:00Z 2024-05-20 21",
        "103 19XFC2F59ME000103 2 10002 Honda Civic 2021 null sedan used 19000.5 30000 2024-05-25T08:00Z 2024-05-25T08:00Z 2024-05-25 16",
        "105 2HGFC2F59MH000104 3 60601 Honda Civic 2021 EX sedan used 20500.0 25000 2024-06-10T07:00Z 2024-06-10T08:00Z 2024-06-10 0",
        "106 1FTFW1E50PF000106 3 60601 Ford F-150 2023 XLT truck new 52000.0 10 2024-05-01T09:00Z 2024-06-10T06:00Z 2024-05-01 40",
        "111 5YJ3E1EA0PF000111 4 60602 Tesla Model 3 2023 Long Range sedan cpo 38000.0 12000 2024-05-30T11:00Z 2024-05-30T11:00Z 2024-05-30 11",
        "112 2T3P1RFV0RW000112 1 10001 Toyota RAV4 2024 XLE suv new 31500.0 5 2024-05-15T10:00Z 2024-06-09T15:00Z 2024-05-15 26"),
        rows(lake, "inventory.active_listings", DAY, ACTIVE));

    assertEquals(List.of(
        "101 1 100 10 0 0 0 110 1 0 0 0 1 2 89 1 0 50.0 34.0 21",
        "101 3 230 18 0 1 0 249 1 1 0 0 1 3 27 1 0 89.0 23.0 21",
        "103 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 16",
        "103 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 16",
        "105 1 30 3 0 0 0 33 0 0 0 0 0 0 0 0 0 6.0 0.0 0",
        "105 3 30 3 0 0 0 33 0 0 0 0 0 0 0 0 0 6.0 0.0 0",
        "106 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 40",
        "106 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 40",
        "111 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 11",
        "111 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.0 0.0 11",
        "112 1 0 0 4 0 0 4 0 0 0 0 0 0 0 0 0 2.0 0.0 26",
        "112 3 0 0 4 0 0 4 0 0 0 1 0 1 10 0 0 12.0 1.0 26"),
        rows(lake, "inventory.listing_activity", DAY, ACTIVITY));

    // Groups: make x zip/dma and body_style x zip/dma. Listing facts (price, mileage, days on
    // market, 3-day activity, leads): 101 24000/30000/21/89/3, 103 19000.5/30000/16/0/0,
    // 105 20500/25000/0/6/0, 106 52000/10/40/0/0, 111 38000/12000/11/0/0, 112 31500/5/26/12/1.
    // zip_dma: 10001, 10002 -> 501; 60601 -> 602; 60602 missing -> unknown.
    assertEquals(List.of(
        "body_style dma 501 null sedan null null null 2 21500.25 21500.25 30000.0 18.5 89.0 44.5 3 1.5",
        "body_style dma 501 null suv null null null 1 31500.0 31500.0 5.0 26.0 12.0 12.0 1 1.0",
        "body_style dma 602 null sedan null null null 1 20500.0 20500.0 25000.0 0.0 6.0 6.0 0 0.0",
        "body_style dma 602 null truck null null null 1 52000.0 52000.0 10.0 40.0 0.0 0.0 0 0.0",
        "body_style dma unknown null sedan null null null 1 38000.0 38000.0 12000.0 11.0 0.0 0.0 0 0.0",
        "body_style zip 10001 null sedan null null null 1 24000.0 24000.0 30000.0 21.0 89.0 89.0 3 3.0",
        "body_style zip 10001 null suv null null null 1 31500.0 31500.0 5.0 26.0 12.0 12.0 1 1.0",
        "body_style zip 10002 null sedan null null null 1 19000.5 19000.5 30000.0 16.0 0.0 0.0 0 0.0",
        "body_style zip 60601 null sedan null null null 1 20500.0 20500.0 25000.0 0.0 6.0 6.0 0 0.0",
        "body_style zip 60601 null truck null null null 1 52000.0 52000.0 10.0 40.0 0.0 0.0 0 0.0",
        "body_style zip 60602 null sedan null null null 1 38000.0 38000.0 12000.0 11.0 0.0 0.0 0 0.0",
        "make dma 501 Honda null null null null 1 19000.5 19000.5 30000.0 16.0 0.0 0.0 0 0.0",
        "make dma 501 Toyota null null null null 2 27750.0 27750.0 15002.5 23.5 101.0 50.5 4 2.0",
        "make dma 602 Ford null null null null 1 52000.0 52000.0 10.0 40.0 0.0 0.0 0 0.0",
        "make dma 602 Honda null null null null 1 20500.0 20500.0 25000.0 0.0 6.0 6.0 0 0.0",
        "make dma unknown Tesla null null null null 1 38000.0 38000.0 12000.0 11.0 0.0 0.0 0 0.0",
        "make zip 10001 Toyota null null null null 2 27750.0 27750.0 15002.5 23.5 101.0 50.5 4 2.0",
        "make zip 10002 Honda null null null null 1 19000.5 19000.5 30000.0 16.0 0.0 0.0 0 0.0",
        "make zip 60601 Ford null null null null 1 52000.0 52000.0 10.0 40.0 0.0 0.0 0 0.0",
        "make zip 60601 Honda null null null null 1 20500.0 20500.0 25000.0 0.0 6.0 6.0 0 0.0",
        "make zip 60602 Tesla null null null null 1 38000.0 38000.0 12000.0 11.0 0.0 0.0 0 0.0"),
        rows(lake, "inventory.inventory_groups", DAY, GROUP));
    // The JDBC copy of the day (after the lake commit): the same 21 groups.
    try (java.sql.Connection c = io.tributary.transforms.jdbc.JdbcUrls.connect(io.tributary.core.step.Lake.jdbcUrl(options));
        java.sql.ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*), sum(active_listings), sum(total_leads) FROM inventory_groups")) {
      rs.next();
      assertEquals("21 24 16", rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
    }

    assertEquals(List.of(
        "active vehicle/snapshot_date=2024-06-10 listing_id 106 appears 2 times in the snapshot of 2024-06-10: the row updated last (2024-06-10T06:00:00.000Z) is kept",
        "active vehicle/snapshot_date=2024-06-10 vin 2HGFC2F59MH000104 is also active as listing_id 105, updated later (or equally, with a lower listing_id): that one is kept",
        "active vehicle/snapshot_date=2024-06-10/part-0.csv price '-100' is negative",
        "active vehicle/snapshot_date=2024-06-10/part-0.csv unknown status 'archived' (known: active, pending, sold, removed, inactive)",
        "active vehicle/snapshot_date=2024-06-10/part-0.csv vin 'VIN123' is not a VIN (17 characters: digits and capitals except I, O, Q)",
        "active vehicle_history/event_date=2024-06-10/part-0.csv unknown event 'deleted' (known: listed, price_change, sold, removed, relisted)",
        "activity impressions/date=2024-06-10/part-0.csv date 2024-06-09 is not in its partition's day 2024-06-10",
        "activity impressions/date=2024-06-10/part-0.csv unknown impression kind 'banner' (known: srp, vdp, photo_view, save, share)",
        "activity leads/date=2024-06-10 lead for unknown listing_id 999: not in the vehicle snapshot of its day",
        "groups zip_dma/zip_dma.csv zip_code 'ABCDE' is not a 5-digit zip code"),
        deadLetters(lake));

    // Rows read from input files, and apart from them rows read from lake tables (counted by hand):
    // active reads no table; activity reads the day's 6 active listings; groups reads those 6 and
    // the 6 activity rows of its 3-day window (not the 6 of the 1-day window), and zip_dma's 4 rows.
    List<String> counted = new ArrayList<>();
    for (StepReport r : reports) {
      counted.add(r.step + " " + r.tableRead);
    }
    assertEquals(List.of("active 0", "activity 6", "groups 12"), counted);
    assertEquals(4, reports.get(2).read);
  }

  /** step, source relative to the world, reason: sorted. */
  static List<String> deadLetters(Path lake) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(lake, "inventory.dead_letters")) {
      String source = r.get("source").replace(Path.of(WORLD).toUri().toString(), "").replace(WORLD + "/", "");
      source = source.startsWith("file:") ? source.substring(source.indexOf("inventory/") + "inventory/".length()) : source;
      lines.add(r.get("step") + " " + source + " " + r.get("reason"));
    }
    lines.sort(null);
    return lines;
  }

  @Test
  public void parquetInputsGiveTheSameTablesAndTheSameRejects() throws Exception {
    Path parquet = dir.resolve("world-parquet");
    WorldAsParquet.write(Path.of(WORLD), parquet);
    Path fromCsv = dir.resolve("from-csv");
    runAll(options(fromCsv, "c1", "--date=" + DAY));
    Path fromParquet = dir.resolve("from-parquet");
    runAll(PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--lake=" + fromParquet, "--runId=p1",
        "--input=" + parquet, "--inputFormat=parquet", "--windows=1,3", "--groupWindowDays=3",
        "--groupingSets=make;body_style", "--date=" + DAY).as(InventoryOptions.class));
    for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
      assertEquals(LakeTableRows.lines(fromCsv, table), LakeTableRows.lines(fromParquet, table), table);
    }
    // Values as stored: the negative price was a double in Parquet (-100.0), the files .parquet.
    List<String> csvRejects = deadLetters(fromCsv);
    List<String> parquetRejects = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(fromParquet, "inventory.dead_letters")) {
      String source = r.get("source");
      int at = source.indexOf("world-parquet/");
      source = (at < 0 ? source : source.substring(at + "world-parquet/".length())).replace(".parquet", ".csv");
      parquetRejects.add(r.get("step") + " " + source + " " + r.get("reason").replace("'-100.0'", "'-100'"));
    }
    parquetRejects.sort(null);
    assertEquals(csvRejects, parquetRejects);
  }

  @Test
  public void activeListingsPerDayOverTheWholeWorld() throws Exception {
    Path lake = dir.resolve("lake");
    run(options(lake, "r1", "--from=2024-06-01", "--to=2024-06-10"), ActiveListings::new);
    Map<String, Integer> perDay = new TreeMap<>();
    for (String day : rows(lake, "inventory.active_listings", null, "date")) {
      perDay.merge(day, 1, Integer::sum);
    }
    assertEquals("{2024-06-01=6, 2024-06-02=7, 2024-06-03=7, 2024-06-04=7, 2024-06-05=6, 2024-06-06=6, "
        + "2024-06-07=7, 2024-06-08=6, 2024-06-09=6, 2024-06-10=6}", perDay.toString());
    // 102 sold on 06-08 though its snapshot still says active; 103 out 06-05..06-06.
    assertEquals(List.of("2024-06-07"), rows(lake, "inventory.active_listings", null, "date", "listing_id").stream()
        .filter(l -> l.endsWith(" 102")).map(l -> l.split(" ")[0]).filter(d -> d.compareTo("2024-06-07") >= 0).toList());
  }

  @Test
  public void aBackfillEqualsSingleDaysAndAReRunReplaces() throws Exception {
    Path backfill = dir.resolve("backfill");
    runAll(options(backfill, "b1", "--from=2024-06-08", "--to=2024-06-10"));
    Path singles = dir.resolve("singles");
    for (int d = 8; d <= 10; d++) {
      runAll(options(singles, "s" + d, "--date=2024-06-" + String.format("%02d", d)));
    }
    for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
      List<String> all = LakeTableRows.lines(backfill, table);
      assertTrue(all.size() > 10, table + " has rows");
      assertEquals(all, LakeTableRows.lines(singles, table), table);
    }
    // Rejects of activity, each reported once, by the run that reports its day (the 06-09 lead
    // for 105 by the backfill and by the 06-09 run alike).
    List<String> activityRejects = deadLetters(backfill).stream().filter(l -> l.startsWith("activity ")).toList();
    assertTrue(activityRejects.contains(
        "activity leads/date=2024-06-09 lead for unknown listing_id 105: not in the vehicle snapshot of its day"), activityRejects.toString());
    assertEquals(activityRejects, deadLetters(singles).stream().filter(l -> l.startsWith("activity ")).toList());
    // Resumable: the days are published, nothing runs; forced, the days are replaced, not duplicated.
    InventoryOptions again = options(backfill, "b2", "--from=2024-06-08", "--to=2024-06-10");
    assertEquals(List.of(), new ActiveListings(again).days());
    List<String> before = LakeTableRows.lines(backfill, "inventory.listing_activity");
    runAll(options(backfill, "b3", "--from=2024-06-09", "--to=2024-06-10", "--force"));
    assertEquals(before, LakeTableRows.lines(backfill, "inventory.listing_activity"));
  }
}
