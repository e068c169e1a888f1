// The trips pipeline's SQL-expressible part in DuckDB, on the same CSV as `tributary bench trips`:
// parse (POINT (lon lat), datetime), drop malformed rows, dedup, weekly average trips per region over
// the ISO weeks of the data, and write the curated trips as Parquet partitioned by region and day.
// No k-means routes (DuckDB has none). Usage: node trips.mjs INPUT.csv OUTDIR
import { open, q } from './session.mjs';

const [input, out] = process.argv.slice(2);
const { db, timed } = await open();
const point = "'^POINT \\(([-0-9.eE+]+) ([-0-9.eE+]+)\\)$'";
await import('node:fs').then((fs) => fs.mkdirSync(out, { recursive: true }));
const total = process.hrtime.bigint();
await timed('ingest', `CREATE TABLE raw AS
  SELECT region,
         TRY_CAST(regexp_extract(origin_coord, ${point}, 1) AS DOUBLE) AS origin_lon,
         TRY_CAST(regexp_extract(origin_coord, ${point}, 2) AS DOUBLE) AS origin_lat,
         TRY_CAST(regexp_extract(destination_coord, ${point}, 1) AS DOUBLE) AS dest_lon,
         TRY_CAST(regexp_extract(destination_coord, ${point}, 2) AS DOUBLE) AS dest_lat,
         TRY_STRPTIME(datetime, '%Y-%m-%d %H:%M:%S') AS datetime, datasource
  FROM read_csv('${q(input)}', header = true, all_varchar = true, ignore_errors = true)`);
await timed('transform', `CREATE TABLE curated AS SELECT DISTINCT * FROM raw
  WHERE region <> '' AND origin_lon BETWEEN -180 AND 180 AND origin_lat BETWEEN -90 AND 90
    AND dest_lon BETWEEN -180 AND 180 AND dest_lat BETWEEN -90 AND 90 AND datetime IS NOT NULL
    AND datasource <> ''`);
await timed('write curated', `COPY (SELECT *, CAST(datetime AS DATE) AS day FROM curated)
  TO '${q(out)}/curated' (FORMAT PARQUET, PARTITION_BY (region, day), OVERWRITE_OR_IGNORE)`);
const report = await timed('report', `WITH span AS (
    SELECT (date_diff('week', date_trunc('week', min(datetime)), date_trunc('week', max(datetime))) + 1) AS weeks
    FROM curated)
  SELECT region, count(*) AS trips, any_value(weeks) AS weeks, count(*) / any_value(weeks) AS weekly_average
  FROM curated, span GROUP BY region ORDER BY region`);
console.log(`total: ${(Number(process.hrtime.bigint() - total) / 1e9).toFixed(2)} s`);
const rows = (await db.runAndReadAll('SELECT count(*) FROM raw')).getRows()[0][0];
const curated = (await db.runAndReadAll('SELECT count(*) FROM curated')).getRows()[0][0];
console.log(`rows read ${rows}, curated ${curated}`);
for (const r of report.getRows()) console.log(r.map(String).join('|'));
