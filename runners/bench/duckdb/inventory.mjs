// The inventory pipeline's day in DuckDB, on the same CSV lake as `tributary bench inventory` reads:
// active listings of DAY (valid rows only, latest updated_at per listing, not sold/removed by the
// latest history event up to DAY, one per VIN: latest updated_at, then lowest listing_id),
// impressions and leads over windows of WINDOWS days (default 1,7) ending at DAY with the default
// weights, and the make x zip groups (the 7-day window). Prints timings and the same totals as it reads from our tables' Parquet files
// (LAKE: the bench's lake folder), so both answers can be compared.
// Usage: node inventory.mjs INPUT_ROOT DAY LAKE [WINDOWS]
import { existsSync } from 'node:fs';
import { open, q } from './session.mjs';

const [root, day, lake, windowList = '1,7'] = process.argv.slice(2);
const windows = windowList.split(',').map(Number);
const reach = 2 * Math.max(...windows); // the previous window too
const { db, timed } = await open();
const days = (n) => Array.from({ length: n }, (_, i) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - i);
  return d.toISOString().slice(0, 10);
});
const list = (folder, part, n) => '[' + days(n).map((d) => `'${q(root)}/${folder}/${part}=${d}/*.csv'`).join(', ') + ']';
const total = process.hrtime.bigint();
const validVehicle = `regexp_full_match(vin, '[A-HJ-NPR-Z0-9]{17}') AND regexp_full_match(price, '[0-9]{1,9}(\\.[0-9]{1,2})?')
    AND status IN ('active', 'pending', 'sold', 'removed', 'inactive') AND stock_type IN ('new', 'used', 'cpo')
    AND regexp_full_match(zip_code, '[0-9]{5}')`;
await timed('vehicle', `CREATE TABLE v AS
  SELECT * FROM read_csv('${q(root)}/vehicle/snapshot_date=${day}/*.csv', header = true, all_varchar = true)
  WHERE ${validVehicle}`);
// A lead counts when its listing is in a valid row of its own day's snapshot; a day without a
// snapshot has nothing to check against and its leads count.
const snapshotDays = days(reach).filter((d) => existsSync(`${root}/vehicle/snapshot_date=${d}`));
const snapshotList = '[' + snapshotDays.map((d) => `'${q(root)}/vehicle/snapshot_date=${d}/*.csv'`).join(', ') + ']';
const snapshotDates = '[' + snapshotDays.map((d) => `DATE '${d}'`).join(', ') + ']';
await timed('known', `CREATE TABLE known AS
  SELECT DISTINCT CAST(listing_id AS BIGINT) AS listing_id, CAST(snapshot_date AS DATE) AS day
  FROM read_csv(${snapshotList}, header = true, all_varchar = true, hive_partitioning = true)
  WHERE ${validVehicle}`);
await timed('history', `CREATE TABLE h AS
  SELECT CAST(listing_id AS BIGINT) AS listing_id, CAST(event_at AS TIMESTAMP) AS event_at, event,
    list_position(['listed', 'price_change', 'relisted', 'removed', 'sold'], event) AS rank
  FROM read_csv('${q(root)}/vehicle_history/event_date=*/*.csv', header = true, all_varchar = true)
  WHERE CAST(event_at AS TIMESTAMP) < DATE '${day}' + INTERVAL 1 DAY`);
await timed('active', `CREATE TABLE active AS
  WITH one AS (
    SELECT *, row_number() OVER (PARTITION BY listing_id ORDER BY CAST(updated_at AS TIMESTAMP) DESC) AS rn FROM v),
  latest AS (SELECT listing_id, arg_max(event, (event_at, rank)) AS event FROM h GROUP BY 1),
  first AS (SELECT listing_id, min(CAST(event_at AS DATE)) AS first_listed FROM h WHERE event = 'listed' GROUP BY 1),
  act AS (
    SELECT CAST(o.listing_id AS BIGINT) AS listing_id, o.vin, o.zip_code, o.make, o.model, CAST(o.price AS DECIMAL(11, 2)) AS price,
      CAST(o.mileage AS BIGINT) AS mileage, CAST(o.updated_at AS TIMESTAMP) AS updated_at,
      DATE '${day}' - coalesce(f.first_listed, CAST(CAST(o.listed_at AS TIMESTAMP) AS DATE)) AS days_on_market
    FROM one o LEFT JOIN latest l ON l.listing_id = CAST(o.listing_id AS BIGINT)
      LEFT JOIN first f ON f.listing_id = CAST(o.listing_id AS BIGINT)
    WHERE o.rn = 1 AND o.status = 'active' AND coalesce(l.event, '') NOT IN ('sold', 'removed'))
  SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY vin ORDER BY updated_at DESC, listing_id) AS rn FROM act) WHERE rn = 1`);
await timed('counts', `CREATE TABLE counts AS
  SELECT CAST(listing_id AS BIGINT) AS listing_id, CAST(date AS DATE) AS date, kind, CAST(count AS BIGINT) AS n
  FROM read_csv(${list('impressions', 'date', reach)}, header = true, all_varchar = true)
  WHERE kind IN ('srp', 'vdp', 'photo_view', 'save', 'share')
  UNION ALL
  SELECT CAST(l.listing_id AS BIGINT), CAST(CAST(l.created_at AS TIMESTAMP) AS DATE) AS day, l.kind, 1
  FROM read_csv(${list('leads', 'date', reach)}, header = true, all_varchar = true) l
  WHERE NOT list_contains(${snapshotDates}, CAST(CAST(l.created_at AS TIMESTAMP) AS DATE))
    OR EXISTS (SELECT 1 FROM known k WHERE k.listing_id = CAST(l.listing_id AS BIGINT)
      AND k.day = CAST(CAST(l.created_at AS TIMESTAMP) AS DATE))`);
await timed('activity', `CREATE TABLE activity AS
  WITH w AS (SELECT unnest([${windows.join(', ')}]) AS window_days),
  weights AS (SELECT * FROM (VALUES ('srp', 0.1), ('vdp', 1), ('photo_view', 0.5), ('save', 3), ('share', 3),
    ('email', 10), ('phone', 15), ('chat', 10), ('text', 10), ('wired', 20)) t(kind, weight))
  SELECT a.listing_id, w.window_days,
    coalesce(sum(c.n * k.weight) FILTER (WHERE c.date > DATE '${day}' - w.window_days), 0) AS activity_score,
    coalesce(sum(c.n) FILTER (WHERE c.date > DATE '${day}' - w.window_days
      AND c.kind IN ('email', 'phone', 'chat', 'text', 'wired')), 0) AS total_leads
  FROM active a CROSS JOIN w LEFT JOIN counts c ON c.listing_id = a.listing_id AND c.date > DATE '${day}' - 2 * w.window_days
  LEFT JOIN weights k ON k.kind = c.kind
  GROUP BY ALL`);
await timed('groups', `CREATE TABLE groups AS
  SELECT a.make, a.model, a.zip_code, count(*) AS active_listings, median(a.price) AS median_price, avg(a.price) AS mean_price,
    sum(x.activity_score) AS total_activity
  FROM active a JOIN activity x ON x.listing_id = a.listing_id AND x.window_days = 7 GROUP BY ALL`);
console.log(`total: ${(Number(process.hrtime.bigint() - total) / 1e9).toFixed(2)} s`);
const show = async (label, sql) => console.log(label, (await db.runAndReadAll(sql)).getRows()[0].map(String).join(' '));
await show('duckdb active: rows, sum(days_on_market), sum(price):', 'SELECT count(*), sum(days_on_market), sum(price) FROM active');
await show('duckdb groups make,model x zip: rows, sum(listings), sum(median):',
  'SELECT count(*), sum(active_listings), sum(median_price) FROM groups');
for (const w of windows) {
  await show(`duckdb activity w${w}: rows, sum(score), sum(leads):`,
    `SELECT count(*), round(sum(activity_score), 4), sum(total_leads) FROM activity WHERE window_days = ${w}`);
}
const ours = (t) => `read_parquet('${q(lake)}/warehouse/inventory/${t}/data/**/*.parquet')`;
await show('ours   active: rows, sum(days_on_market), sum(price):',
  `SELECT count(*), sum(days_on_market), sum(CAST(price AS DECIMAL(11, 2))) FROM ${ours('active_listings')} WHERE date = DATE '${day}'`);
for (const w of windows) {
  await show(`ours   activity w${w}: rows, sum(score), sum(leads):`,
    `SELECT count(*), round(sum(activity_score), 4), sum(total_leads) FROM ${ours('listing_activity')} WHERE date = DATE '${day}' AND window_days = ${w}`);
}
await show('ours   groups make,model x zip: rows, sum(listings), sum(median):',
  `SELECT count(*), sum(active_listings), sum(median_price) FROM ${ours('inventory_groups')}
   WHERE date = DATE '${day}' AND grouping = 'make,model' AND location_level = 'zip'`);
