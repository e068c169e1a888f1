// DuckDB reading the same CSV as `tributary bench csv-records`: what a user would reach for instead.
// Usage: node read-csv.mjs FILE [strict|lenient]
//   strict:  DuckDB's defaults (a malformed row fails the whole read)
//   lenient: ignore_errors=true (malformed rows are skipped, and not reported)
import { DuckDBInstance } from '@duckdb/node-api';

const [file, mode = 'lenient'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const options = mode === 'strict' ? '' : ', ignore_errors = true';
const start = process.hrtime.bigint();
try {
  const result = await db.runAndReadAll(
    `SELECT count(*) AS rows FROM read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true${options})`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`duckdb ${mode}: ${file}: ${result.getRowObjects()[0].rows} rows in ${seconds.toFixed(2)} s`);
} catch (e) {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`duckdb ${mode}: ${file}: failed after ${seconds.toFixed(2)} s: ${String(e.message).split('\n')[0]}`);
}
