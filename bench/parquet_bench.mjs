// Runs DuckDB and floe on the same Parquet benchmark in one run and prints their times side by
// side with ratios (floe / DuckDB; below 1 means floe is faster).
//
//   FLOE_BENCH_BIN=build/bench/parquet_bench node bench/parquet_bench.mjs [ROWS] [DIR]
// (run from tests/interop, or with NODE_PATH pointing at its node_modules, for @duckdb/node-api)
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = process.argv[3] ?? '/tmp';
const bin = process.env.FLOE_BENCH_BIN;
if (!bin) {
  console.error('set FLOE_BENCH_BIN to the parquet_bench binary');
  process.exit(2);
}

const duckFile = `${dir}/duckdb_bench.parquet`;
const floeFile = `${dir}/floe_bench.parquet`;
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();

async function timed(sql) {
  const start = process.hrtime.bigint();
  await conn.runAndReadAll(sql);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const table = `SELECT i AS id,
    make_timestamptz(1600000000000000 + i * 1000) AS ts,
    'name' || (i % 10000) AS name,
    i * 0.01::DOUBLE AS amount,
    i % 2 = 0 AS flag
  FROM range(${rows}) t(i)`;
const duckWrite = await timed(`COPY (${table}) TO '${duckFile}' (FORMAT parquet, COMPRESSION snappy)`);
const scan = (f) => `SELECT count(*), sum(id), max(ts), max(length(name)), sum(amount), count_if(flag)
  FROM read_parquet('${f}')`;
const duckRead = await timed(scan(duckFile));

const out = execFileSync(bin, [String(rows), dir, 'snappy'], { encoding: 'utf8' });
process.stdout.write(out);
const floe = JSON.parse(out.trim().split('\n').pop());
const duckReadFloeFile = await timed(scan(floeFile));

const line = (name, f, d) =>
  console.log(`${name.padEnd(28)} ${f.toFixed(3).padStart(9)} ${d.toFixed(3).padStart(9)} ${(f / d).toFixed(2).padStart(7)}`);
console.log(`\n${rows} rows; seconds`);
console.log(`${''.padEnd(28)} ${'floe'.padStart(9)} ${'DuckDB'.padStart(9)} ${'ratio'.padStart(7)}`);
line('write (snappy)', floe.write_s, duckWrite);
line('read own file', floe.read_s, duckRead);
line('read the other\'s file', floe.read_duckdb_file_s, duckReadFloeFile);
