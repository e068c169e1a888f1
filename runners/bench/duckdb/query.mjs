// Runs one SQL query in DuckDB and prints the rows, columns joined by '|': how the interop test
// checks that DuckDB reads `tributary table export` output. Usage: node query.mjs "SELECT ..."
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const result = await db.runAndReadAll(process.argv[2]);
for (const row of result.getRows()) {
  console.log(row.map((v) => String(v)).join('|'));
}
