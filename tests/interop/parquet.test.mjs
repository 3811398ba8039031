// Parquet interop: DuckDB reads every file floe writes with the same values (and sees the field
// ids), and floe reads the files DuckDB writes (v1 and PARQUET_VERSION V2, every codec) with the
// values DuckDB reports.
//
// Needs FLOE_BUILD_DIR (the tool is $FLOE_BUILD_DIR/tests/parquet_tool). Values are compared in a
// canonical form: DuckDB's side is canonicalized in SQL (see canonicalExpr), floe's by
// `parquet_tool dump`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const buildDir = process.env.FLOE_BUILD_DIR;
const tool = buildDir ? path.join(buildDir, 'tests', 'parquet_tool') : '';
const skip = !buildDir || !existsSync(tool) ? 'FLOE_BUILD_DIR/tests/parquet_tool not built' : false;

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw'];

function sqlString(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

// DuckDB expression giving a column's value in parquet_tool dump's canonical form.
function canonicalExpr(name, type) {
  const c = `"${name.replaceAll('"', '""')}"`;
  if (type.startsWith('DECIMAL')) return `CAST(${c} AS VARCHAR)`;
  if (type === 'DATE') return `CAST(CAST(${c} - DATE '1970-01-01' AS BIGINT) AS VARCHAR)`;
  if (type === 'TIME' || type.startsWith('TIMESTAMP')) return `CAST(epoch_us(${c}) AS VARCHAR)`;
  if (type === 'BLOB') return `hex(${c})`;
  if (type === 'UUID') return `CAST(${c} AS VARCHAR)`;
  if (type === 'BIGINT' || type === 'UBIGINT' || type === 'HUGEINT') return `CAST(${c} AS VARCHAR)`;
  if (type.startsWith('STRUCT') || type.startsWith('MAP') || type.endsWith('[]')) {
    return `CAST(to_json(${c}) AS VARCHAR)`;
  }
  return c;
}

async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads = 1');
  return conn;
}

async function rows(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

async function duckdbCanonical(conn, file) {
  const columns = await rows(conn, `DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  const exprs = columns.map((c) => `${canonicalExpr(c.column_name, c.column_type)} AS "${c.column_name}"`);
  const data = await rows(conn, `SELECT ${exprs.join(', ')} FROM read_parquet(${sqlString(file)})`);
  const types = Object.fromEntries(columns.map((c) => [c.column_name, c.column_type]));
  return { types, data };
}

function floeDump(file) {
  const out = execFileSync(tool, ['dump', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

function sameValue(type, a, b) {
  if (a === null || b === null) return a === b;
  if (type.startsWith('STRUCT') || type.startsWith('MAP') || type.endsWith('[]')) {
    try {
      assert.deepStrictEqual(JSON.parse(a), JSON.parse(b));
      return true;
    } catch {
      return false;
    }
  }
  if (type === 'FLOAT' || type === 'DOUBLE') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
    return type === 'FLOAT' ? Math.fround(x) === Math.fround(y) : x === y;
  }
  if (type === 'BOOLEAN') return a === b;
  if (['INTEGER', 'SMALLINT', 'TINYINT', 'USMALLINT', 'UTINYINT'].includes(type)) {
    return Number(a) === Number(b);
  }
  return String(a) === String(b);
}

function assertSameRows(expected, got, label) {
  assert.equal(got.length, expected.data.length, `${label}: row count`);
  for (let r = 0; r < got.length; r++) {
    for (const [name, type] of Object.entries(expected.types)) {
      const want = expected.data[r][name];
      const have = got[r][name];
      assert.ok(
        sameValue(type, want, have),
        `${label}: row ${r} column ${name} (${type}): DuckDB ${JSON.stringify(want)}, floe ${JSON.stringify(have)}`,
      );
    }
  }
}

const EXPECTED_IDS = {
  b: 1, i32: 2, i64: 3, f32: 4, f64: 5, dec9: 6, dec18: 7, dec38: 8, d: 9, t: 10, ts: 11,
  tstz: 12, s: 13, bin: 14, u: 15, fx: 16, st: 17, lst: 18, mp: 19, deep: 20, req: 21,
  a: 101, key: 104, value: 105, x: 107, y: 109,
};

test('DuckDB reads every file floe writes, with field ids', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'floe-parquet-'));
  try {
    const conn = await duckdb();
    for (const codec of CODECS) {
      const file = path.join(dir, `floe-${codec}.parquet`);
      execFileSync(tool, ['write-sample', file, codec]);
      const expected = await duckdbCanonical(conn, file);
      assert.equal(expected.data.length, 300, `${codec}: DuckDB row count`);
      assertSameRows(expected, floeDump(file), `floe ${codec}`);

      const schema = await rows(conn, `SELECT name, field_id FROM parquet_schema(${sqlString(file)})`);
      for (const [name, id] of Object.entries(EXPECTED_IDS)) {
        assert.ok(
          schema.some((s) => s.name === name && Number(s.field_id) === id),
          `${codec}: field ${name} should carry field_id ${id}`,
        );
      }
      const meta = await rows(conn,
        `SELECT DISTINCT compression FROM parquet_metadata(${sqlString(file)})`);
      assert.equal(meta.length, 1);
      assert.equal(String(meta[0].compression).toUpperCase(), codec.toUpperCase());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const DUCKDB_DATA = `
  SELECT
    (i % 3 = 0) AS b,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 7 - 100)::INTEGER END AS i32,
    (i * 1000000007 - 5000000000)::BIGINT AS i64,
    CASE WHEN i % 9 = 4 THEN NULL ELSE (i / 8.0 - 3)::FLOAT END AS f32,
    CASE WHEN i % 10 = 5 THEN 'NaN'::DOUBLE ELSE i * 1.1 - 7 END AS f64,
    ((i * 12345 - 99999) / 100.0)::DECIMAL(9,2) AS dec9,
    (i * 1234567.8901 - 999999)::DECIMAL(18,4) AS dec18,
    (i * 123456789.0123456789 - 7)::DECIMAL(38,10) AS dec38,
    DATE '2000-01-01' + (i * 3)::INTEGER AS d,
    TIME '00:00:00' + to_microseconds(i * 1234567) AS t,
    TIMESTAMP '2020-01-01' + to_seconds(i * 7919) AS ts,
    TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_hours(i) AS tstz,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'str' || (i % 17) END AS s,
    CASE WHEN i % 6 = 0 THEN NULL ELSE ('b' || (i % 23))::BLOB END AS bin,
    ('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS u,
    CASE WHEN i % 8 = 1 THEN NULL ELSE {'a': i::INTEGER, 's': 'x' || (i % 4)} END AS st,
    CASE WHEN i % 4 = 0 THEN NULL ELSE list_slice([i, NULL, i + 1], 1, i % 4) END AS lst,
    CASE WHEN i % 5 = 2 THEN NULL ELSE MAP(['k' || (i % 3)], [(i * 0.5)::DOUBLE]) END AS mp,
    [{'x': CASE WHEN i % 3 = 0 THEN NULL ELSE [i::INTEGER, (i + 1)::INTEGER] END, 'y': i % 2 = 0}] AS deep,
    (i % 1000)::SMALLINT AS sm,
    (i % 100)::TINYINT AS tiny,
    'constant' AS dict_str
  FROM range(3000) t(i)`;

test('floe reads every file DuckDB writes (v1 and v2, every codec)', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'floe-parquet-'));
  try {
    const conn = await duckdb();
    for (const version of ['V1', 'V2']) {
      for (const codec of CODECS) {
        const file = path.join(dir, `duck-${version}-${codec}.parquet`);
        await conn.run(`COPY (${DUCKDB_DATA}) TO ${sqlString(file)}
          (FORMAT parquet, COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 1024)`);
        const expected = await duckdbCanonical(conn, file);
        assert.equal(expected.data.length, 3000);
        assertSameRows(expected, floeDump(file), `DuckDB ${version} ${codec}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('floe projects DuckDB files by column name', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'floe-parquet-'));
  try {
    const conn = await duckdb();
    const file = path.join(dir, 'duck-proj.parquet');
    await conn.run(`COPY (${DUCKDB_DATA}) TO ${sqlString(file)} (FORMAT parquet)`);
    const out = execFileSync(tool, ['dump', file, '--columns', 's,i64'], { encoding: 'utf8' });
    const got = out.split('\n').filter((l) => l).map((l) => JSON.parse(l));
    assert.equal(got.length, 3000);
    assert.deepEqual(Object.keys(got[1]), ['s', 'i64']);
    assert.equal(got[1].i64, String(1000000007 - 5000000000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
