// Runs DuckDB and floe on the same Parquet benchmark in one run and prints their times side by
// side with ratios (floe / DuckDB; below 1 means floe is faster), for each codec, as the median
// of several repetitions. Within a repetition the two run one after the other on the same data.
//
//   FLOE_BENCH_BIN=build-bench/bench/parquet_bench \
//     node ../../bench/parquet_bench.mjs [ROWS=10000000] [DIR=/tmp] [REPS=5] [CODECS=uncompressed,snappy,zstd]
// (run from tests/interop, or with NODE_PATH pointing at its node_modules, for @duckdb/node-api)
//
// DuckDB runs with its default thread count (every core) unless FLOE_BENCH_DUCKDB_THREADS is set;
// floe's writer and reader use one thread. The last line is the whole result as JSON.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// @duckdb/node-api is installed in tests/interop/node_modules: resolve it from the working
// directory (ESM imports would resolve from this file's folder).
const requireFromCwd = createRequire(`${process.cwd()}/`);
const { DuckDBInstance } = await import(pathToFileURL(requireFromCwd.resolve('@duckdb/node-api')).href);

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = process.argv[3] ?? '/tmp';
const reps = Number(process.argv[4] ?? 5);
const codecs = (process.argv[5] ?? 'uncompressed,snappy,zstd').split(',');
const bin = process.env.FLOE_BENCH_BIN;
if (!bin) {
  console.error('set FLOE_BENCH_BIN to the parquet_bench binary');
  process.exit(2);
}

const duckFile = `${dir}/duckdb_bench.parquet`;
const floeFile = `${dir}/floe_bench.parquet`;
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
if (process.env.FLOE_BENCH_DUCKDB_THREADS) {
  await conn.run(`SET threads = ${Number(process.env.FLOE_BENCH_DUCKDB_THREADS)}`);
}
const threads = Number((await conn.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0]);

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
const scan = (f) => `SELECT count(*), sum(id), max(ts), max(length(name)), sum(amount), count_if(flag)
  FROM read_parquet('${f}')`;
// DuckDB's codec names (floe's bench binary takes the same three).
const duckCodec = { uncompressed: 'uncompressed', snappy: 'snappy', zstd: 'zstd' };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const results = [];
for (const codec of codecs) {
  const runs = [];
  for (let r = 0; r < reps; ++r) {
    const duckWrite = await timed(
      `COPY (${table}) TO '${duckFile}' (FORMAT parquet, COMPRESSION ${duckCodec[codec]})`);
    const duckRead = await timed(scan(duckFile));
    const out = execFileSync(bin, [String(rows), dir, codec], { encoding: 'utf8' });
    const floe = JSON.parse(out.trim().split('\n').pop());
    const duckReadFloeFile = await timed(scan(floeFile));
    runs.push({
      floe_write: floe.write_s, duck_write: duckWrite,
      floe_read: floe.read_s, duck_read: duckRead,
      floe_read_duck_file: floe.read_duckdb_file_s, duck_read_floe_file: duckReadFloeFile,
      floe_bytes: floe.file_bytes, duck_bytes: statSync(duckFile).size,
    });
    console.error(`${codec} rep ${r + 1}/${reps}: ${JSON.stringify(runs.at(-1))}`);
  }
  const med = {};
  for (const key of Object.keys(runs[0])) med[key] = median(runs.map((x) => x[key]));
  results.push({ codec, runs, median: med });
}

const f3 = (x) => x.toFixed(3).padStart(8);
const f2 = (x) => x.toFixed(2).padStart(6);
console.log(`\n${rows} rows, ${reps} repetitions, medians in seconds; DuckDB threads: ${threads}`);
console.log('codec        | floe write | DuckDB write | ratio | floe read | DuckDB read | ratio | ' +
            'floe reads DuckDB file | DuckDB reads floe file | floe MB | DuckDB MB | size ratio');
for (const { codec, median: m } of results) {
  console.log(`${codec.padEnd(12)} | ${f3(m.floe_write)}   | ${f3(m.duck_write)}     | ${f2(m.floe_write / m.duck_write)}` +
              ` | ${f3(m.floe_read)}  | ${f3(m.duck_read)}    | ${f2(m.floe_read / m.duck_read)}` +
              ` | ${f3(m.floe_read_duck_file)}               | ${f3(m.duck_read_floe_file)}` +
              `               | ${(m.floe_bytes / 1e6).toFixed(1).padStart(7)} | ${(m.duck_bytes / 1e6).toFixed(1).padStart(9)}` +
              ` | ${f2(m.floe_bytes / m.duck_bytes)}`);
}
console.log(JSON.stringify({ rows, reps, duckdb_threads: threads, results }));
