// The stock pipeline's `ebay` step in DuckDB, on the same Parquet as `tributary bench stock` reads:
// per (supplier, custom_label) the latest two daily snapshots up to DAY (two part numbers of one
// label on one day count once, the larger quantity), quantity = latest, delta = latest - previous
// (the latest when there is none), joined to every store listing of the label (the listing's own
// supplier first, else the only supplier of the label; otherwise no row), written as Parquet by
// ebay_store and a revise CSV per store of the changed listings.
// Usage: node stock-ebay.mjs 'STORE_GLOB' 'SUPPLIER_STOCK_GLOB' DAY OUTDIR
import { open, q } from './session.mjs';

const [store, stock, day, out] = process.argv.slice(2);
const { db, timed } = await open();
await import('node:fs').then((fs) => fs.mkdirSync(out, { recursive: true }));
const total = process.hrtime.bigint();
await timed('latest two', `CREATE TABLE latest AS
  WITH daily AS (
    SELECT supplier, custom_label, CAST(updated_date AS DATE) AS updated_date, max(quantity) AS q
    FROM read_parquet('${q(stock)}') WHERE CAST(updated_date AS DATE) <= DATE '${q(day)}' GROUP BY ALL),
  ranked AS (
    SELECT *, lead(q) OVER w AS prev, row_number() OVER w AS rn
    FROM daily WINDOW w AS (PARTITION BY supplier, custom_label ORDER BY updated_date DESC))
  SELECT supplier, custom_label, q AS quantity, q - coalesce(prev, 0) AS quantity_delta, updated_date
  FROM ranked WHERE rn = 1`);
await timed('join store', `CREATE TABLE ebay AS
  WITH per_label AS (SELECT custom_label, count(*) AS suppliers FROM latest GROUP BY 1)
  SELECT s.item_id, s.custom_label, l.supplier, s.ebay_store, l.quantity, l.quantity_delta, l.updated_date
  FROM read_parquet('${q(store)}') s JOIN latest l USING (custom_label) JOIN per_label p USING (custom_label)
  WHERE l.supplier = s.supplier OR p.suppliers = 1`);
await timed('write ebay', `COPY ebay TO '${q(out)}/ebay' (FORMAT PARQUET, PARTITION_BY (ebay_store), OVERWRITE_OR_IGNORE)`);
await timed('write revise', `COPY (SELECT 'Revise' AS Action, item_id AS ItemID, 'UK' AS SiteID, 'GBP' AS Currency,
    quantity AS Quantity, ebay_store AS Store, ebay_store FROM ebay WHERE quantity_delta <> 0)
  TO '${q(out)}/revise' (FORMAT CSV, HEADER, PARTITION_BY (ebay_store), OVERWRITE_OR_IGNORE)`);
console.log(`total: ${(Number(process.hrtime.bigint() - total) / 1e9).toFixed(2)} s`);
const rows = (await db.runAndReadAll('SELECT count(*), sum(quantity), sum(quantity_delta) FROM ebay')).getRows()[0];
console.log(`ebay rows ${rows[0]}, sum(quantity) ${rows[1]}, sum(quantity_delta) ${rows[2]}`);
