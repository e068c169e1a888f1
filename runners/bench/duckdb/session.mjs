// What every comparison script shares: a 2-thread in-memory DuckDB, SQL quoting, and a query timer.
import { DuckDBInstance } from '@duckdb/node-api';

export const q = (s) => s.replaceAll("'", "''");

/** An in-memory database on 2 threads (the benchmark machine's cores) and `timed(label, sql)`. */
export async function open() {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  const timed = async (label, sql) => {
    const start = process.hrtime.bigint();
    const result = await db.runAndReadAll(sql);
    console.log(`${label}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s`);
    return result;
  };
  return { db, timed };
}
