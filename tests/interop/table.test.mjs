// Issue #5 interop: tables written by the `floe` command, checked by readers floe did not write.
//
//   - icebird 0.3.1 (npm) reads every table floe writes — every Iceberg type, unpartitioned and
//     partitioned (day, bucket, truncate, identity; then year, month, hour, bucket and truncate of
//     other types), after appends, overwrites with --where (on a data column and on a partition
//     column) and a full overwrite, tables created from CSV and JSONL — with the same rows as the
//     expected set (computed here in JS) and as `floe read --format jsonl`; after the last write,
//     every earlier snapshot still reads as it was (floe read --snapshot, icebird on the old
//     metadata file);
//   - DuckDB's read_parquet over the live data files of the current snapshot gives the rows floe
//     read gives, and parquet_schema() shows a field_id on every column of every data file;
//   - avsc decodes the manifest list and manifests: Iceberg header keys, the spec's field ids in the
//     writer schemas, manifest_length, added/existing row counts; the live files' record_count sum
//     equals the row count (and the snapshot summary's total-records); every file's record_count
//     and file_size_in_bytes are right; each file's partition tuple is what the spec's transforms
//     (Murmur3 bucket, truncate by code points, floor for pre-1970 day/month/year/hour) give for
//     every row in it; the manifest list's partition summaries and each file's value/null/NaN
//     counts and lower/upper bounds (top-level primitive columns) hold for the file's rows.
//
// Input data is made by DuckDB (Parquet with every type floe supports, nulls in every column) and
// written here (CSV, JSONL). Values are compared in a canonical form (see `canon`), one per
// source; the representations that legitimately differ are normalized there, with a comment.
//
// Run (from tests/interop): FLOE_BIN=/path/to/build/src/floe/floe node --test table.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import avro from 'avsc';
import { DuckDBInstance } from '@duckdb/node-api';
import { readIcebergTable } from './lib/icebird_local.mjs';

const execFileP = promisify(execFile);
const floeBin = process.env.FLOE_BIN;
const skip = floeBin ? false : 'FLOE_BIN is not set (path of the floe command)';
if (skip) console.log(`table.test.mjs skipped: ${skip}`);

// --- running floe -------------------------------------------------------------------------------

// Runs `floe --warehouse WH ARGS...`; returns stdout. The binary may be rebuilt by someone else
// while the test runs: when it is missing, not yet executable or busy, wait and retry for 60 s.
async function floe(warehouse, ...args) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const { stdout } = await execFileP(floeBin, ['--warehouse', warehouse, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      return stdout;
    } catch (err) {
      if (['ENOENT', 'EACCES', 'ETXTBSY'].includes(err.code) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      const detail = err.stderr ? `\n${err.stderr}` : '';
      throw new Error(`floe ${args.join(' ')} failed: ${err.message}${detail}`);
    }
  }
}

// `floe table describe --json`, plus snapshotId: the current snapshot id's exact text (JSON.parse
// would round an id beyond 2^53).
async function describe(warehouse, table) {
  const text = await floe(warehouse, '--json', 'table', 'describe', table);
  const info = JSON.parse(text);
  info.snapshotId = /"current_snapshot_id"\s*:\s*(-?\d+)/.exec(text)?.[1];
  return info;
}

// `floe read --format jsonl`, parsed keeping numbers' text (a long beyond 2^53 stays exact).
async function floeRead(warehouse, table, ...extra) {
  const out = await floe(warehouse, 'read', table, '--format', 'jsonl', ...extra);
  return out.split('\n').filter((l) => l.trim()).map(parseJsonRaw);
}

// --- JSON with numbers kept as their source text --------------------------------------------------

// A small JSON parser: like JSON.parse, but every number comes back as its text (a string), so a
// 64-bit long or a decimal floe prints as a bare number loses nothing.
function parseJsonRaw(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = {};
      ws();
      if (text[i] === '}') return i++, obj;
      for (;;) {
        ws();
        const k = value();
        ws();
        if (text[i++] !== ':') throw new SyntaxError(`expected ':' at ${i - 1} in ${text}`);
        obj[k] = value();
        ws();
        const d = text[i++];
        if (d === '}') return obj;
        if (d !== ',') throw new SyntaxError(`expected ',' or '}' at ${i - 1} in ${text}`);
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (text[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return arr;
        if (d !== ',') throw new SyntaxError(`expected ',' or ']' at ${i - 1} in ${text}`);
      }
    }
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') {
        if (j >= text.length) throw new SyntaxError(`unterminated string in ${text}`);
        j += text[j] === '\\' ? 2 : 1;
      }
      const s = JSON.parse(text.slice(i, j + 1));
      i = j + 1;
      return s;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const hit = m.exec(text);
    if (!hit) throw new SyntaxError(`unexpected '${c}' at ${i} in ${text}`);
    i += hit[0].length;
    return hit[0];
  };
  const v = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`trailing text at ${i} in ${text}`);
  return v;
}

// --- canonical values -----------------------------------------------------------------------------
//
// Every value is brought to one exact canonical form, driven by the column's Iceberg type:
//   boolean → true/false; int, long → decimal string; float → String of the float's double value;
//   double → String(number) ('NaN' for NaN); decimal(P,S) → plain decimal string with exactly S
//   fraction digits; date → 'YYYY-MM-DD'; time, timestamp, timestamptz → microseconds (string);
//   string → itself; binary → lowercase hex; uuid → 'xxxxxxxx-xxxx-...' lowercase;
//   struct → {field: canonical}; list → [canonical]; map → {key: canonical} (keys sorted); null.
// Sources: 'duck' (DuckDB, already mostly canonical in SQL: see duckCanonExpr), 'floe' (`floe read
// --format jsonl`: time 'HH:MM:SS.ffffff', timestamps ISO 8601, binary and uuid base64), 'js'
// (expected values written in this file: the canonical form itself, timestamps as ISO strings).
//
// icebird cannot give every value exactly; its rows are compared in a lossy "icebird view", to
// which the exact expected values are projected (icebirdView) — legitimate differences only:
//   - timestamp/timestamptz: icebird gives a Date, i.e. truncated (toward zero) to milliseconds;
//   - decimal: icebird (hyparquet's convert) gives the double Number(unscaled) * 10 ** -S, which
//     is computed here the same way from the exact value (so 0.3 may be 0.30000000000000004);
//   - binary: icebird decodes every un-annotated BYTE_ARRAY as UTF-8 (bad bytes become U+FFFD);
//   - a null struct, list or map comes back as undefined (hyparquet), normalized to null.

function decimalScale(type) {
  const m = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
  return m ? Number(m[2]) : undefined;
}

// '-12.3' with scale 2 → '-12.30'. Text that is not a plain decimal (or has too many fraction
// digits) is returned marked, so the mismatch shows.
function canonDecimal(text, scale) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(text));
  if (!m) return `!not-a-decimal:${text}`;
  const frac = (m[3] ?? '').padEnd(scale, '0');
  if (frac.length > scale) return `!scale>${scale}:${text}`;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(int + frac);
  return `${m[1] && !zero ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

// 'HH:MM:SS[.ffffff]' → microseconds since midnight (BigInt).
function timeMicros(text) {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new Error(`not a time: ${text}`);
  return (
    (BigInt(m[1]) * 3600n + BigInt(m[2]) * 60n + BigInt(m[3])) * 1_000_000n +
    BigInt((m[4] ?? '').padEnd(6, '0'))
  );
}

// ISO 8601 'YYYY-MM-DD[T ]HH:MM:SS[.ffffff][Z|±HH:MM]' → microseconds since the epoch (BigInt).
function timestampMicros(text) {
  const m =
    /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(
      text,
    );
  if (!m) throw new Error(`not a timestamp: ${text}`);
  const secs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  let micros = BigInt(secs) * 1_000_000n + BigInt((m[7] ?? '').padEnd(6, '0'));
  if (m[8] && m[8] !== 'Z') {
    const o = /^([+-])(\d\d):?(\d\d)?$/.exec(m[8]);
    const offset = (BigInt(o[2]) * 60n + BigInt(o[3] ?? '0')) * 60_000_000n;
    micros += o[1] === '+' ? -offset : offset;
  }
  return micros;
}

function hexToUuid(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sortedObject(entries) {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// The exact canonical form of value `v` of Iceberg type `type`, as source `src` gives it.
function canon(type, v, src) {
  if (v === null || v === undefined) return null;
  if (typeof type === 'object') {
    if (type.type === 'struct') {
      return Object.fromEntries(type.fields.map((f) => [f.name, canon(f.type, v[f.name], src)]));
    }
    if (type.type === 'list') return v.map((e) => canon(type.element, e, src));
    if (type.type === 'map') {
      return sortedObject(
        Object.entries(v).map(([k, x]) => [String(canon(type.key, k, src)), canon(type.value, x, src)]),
      );
    }
    throw new Error(`unknown type ${JSON.stringify(type)}`);
  }
  const scale = decimalScale(type);
  if (scale !== undefined) return canonDecimal(v, scale);
  switch (type) {
    case 'boolean':
      return v === true || v === 'true';
    case 'int':
    case 'long':
      return BigInt(v).toString();
    case 'float':
      return String(Math.fround(Number(v)));
    case 'double':
      return String(Number(v));
    case 'date':
      return String(v);
    case 'time':
      return src === 'floe' ? timeMicros(v).toString() : String(v);
    case 'timestamp':
    case 'timestamptz':
      return src === 'duck' ? String(v) : timestampMicros(v).toString();
    case 'string':
      return v;
    case 'binary':
      return src === 'floe' ? Buffer.from(v, 'base64').toString('hex') : v.toLowerCase();
    case 'uuid':
      if (src === 'floe' && !/^[0-9a-f]{8}-/i.test(v)) {
        return hexToUuid(Buffer.from(v, 'base64').toString('hex'));
      }
      return v.toLowerCase();
    default:
      throw new Error(`unknown type ${type}`);
  }
}

// The exact canonical value `c` of `type`, projected to what icebird can give (see above).
function icebirdView(type, c) {
  if (c === null) return null;
  if (typeof type === 'object') {
    if (type.type === 'struct') {
      return Object.fromEntries(type.fields.map((f) => [f.name, icebirdView(f.type, c[f.name])]));
    }
    if (type.type === 'list') return c.map((e) => icebirdView(type.element, e));
    return sortedObject(Object.entries(c).map(([k, x]) => [k, icebirdView(type.value, x)]));
  }
  const scale = decimalScale(type);
  if (scale !== undefined) return String(Number(BigInt(c.replace('.', ''))) * 10 ** -scale);
  if (type === 'timestamp' || type === 'timestamptz') return (BigInt(c) / 1000n).toString();
  if (type === 'binary') return Buffer.from(c, 'hex').toString('utf8');
  return c;
}

// An icebird value in the icebird view of `type`.
function canonIcebird(type, v) {
  if (v === null || v === undefined) return null; // null struct/list/map → undefined (hyparquet)
  if (typeof type === 'object') {
    if (type.type === 'struct') {
      return Object.fromEntries(type.fields.map((f) => [f.name, canonIcebird(f.type, v[f.name])]));
    }
    if (type.type === 'list') return Array.from(v, (e) => canonIcebird(type.element, e));
    return sortedObject(
      Object.entries(v).map(([k, x]) => [String(canon(type.key, k, 'js')), canonIcebird(type.value, x)]),
    );
  }
  if (decimalScale(type) !== undefined) return String(v);
  switch (type) {
    case 'boolean':
      return v;
    case 'int':
    case 'long':
    case 'time':
      return BigInt(v).toString();
    case 'float':
      return String(Math.fround(v));
    case 'double':
      return String(v);
    case 'date':
      return v.toISOString().slice(0, 10);
    case 'timestamp':
    case 'timestamptz':
      return BigInt(v.getTime()).toString();
    case 'string':
    case 'binary':
      return v;
    case 'uuid':
      return hexToUuid(Buffer.from(v).toString('hex'));
    default:
      throw new Error(`unknown type ${type}`);
  }
}

function canonRow(schema, row, src) {
  return Object.fromEntries(schema.fields.map((f) => [f.name, canon(f.type, row[f.name], src)]));
}
function icebirdViewRow(schema, row) {
  return Object.fromEntries(schema.fields.map((f) => [f.name, icebirdView(f.type, row[f.name])]));
}
function icebirdRow(schema, row) {
  return Object.fromEntries(schema.fields.map((f) => [f.name, canonIcebird(f.type, row[f.name])]));
}

// Asserts that two row sets are equal, matching rows by `key`; on failure lists the differing
// rows and columns (first 20) so the defect can be located.
function assertSameRows(label, expected, actual, { key = 'id', wantName = 'expected', gotName } = {}) {
  const byKey = (rows) => {
    const map = new Map();
    for (const r of rows) {
      const k = JSON.stringify(r[key]);
      assert.ok(!map.has(k), `${label}: duplicate ${key} ${k} in ${rows === expected ? wantName : gotName}`);
      map.set(k, r);
    }
    return map;
  };
  const want = byKey(expected);
  const got = byKey(actual);
  const problems = [];
  for (const [k, w] of want) {
    const g = got.get(k);
    if (!g) {
      problems.push(`${key}=${k}: missing from ${gotName}`);
      continue;
    }
    for (const col of new Set([...Object.keys(w), ...Object.keys(g)])) {
      if (!isDeepStrictEqual(w[col], g[col])) {
        problems.push(
          `${key}=${k} column ${col}: ${wantName} ${JSON.stringify(w[col])}, ${gotName} ${JSON.stringify(g[col])}`,
        );
      }
    }
  }
  for (const k of got.keys()) if (!want.has(k)) problems.push(`${key}=${k}: unexpected in ${gotName}`);
  assert.ok(
    problems.length === 0,
    `${label}: ${problems.length} difference(s), ${wantName} (${expected.length} rows) vs ` +
      `${gotName} (${actual.length} rows):\n  ${problems.slice(0, 20).join('\n  ')}`,
  );
}
function isDeepStrictEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

// --- DuckDB ---------------------------------------------------------------------------------------

let conn;
let tmp;

function sqlString(s) {
  return `'${s.replaceAll("'", "''")}'`;
}
function sqlList(files) {
  return `[${files.map(sqlString).join(', ')}]`;
}
async function duckRows(sql) {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

// Rows i in [lo, hi) of a table with every type floe supports; every nullable column has nulls
// (at different rows), strings include unicode and '', binary includes non-UTF-8 bytes, dates and
// timestamps include pre-1970 values, doubles NaN, longs beyond 2^53, lists are empty/null/with
// null elements. `tsStep` (µs) spreads ts: a small step puts several rows in one day partition.
function allTypesSql(lo, hi, tsStep = 7_919_123_457) {
  return `SELECT
    i::INTEGER AS id,
    CASE WHEN i % 5 = 1 THEN NULL ELSE i % 2 = 0 END AS b,
    CASE WHEN i % 5 = 2 THEN NULL ELSE (i * 1000 - 7)::INTEGER END AS i32,
    CASE WHEN i % 5 = 3 THEN NULL ELSE (i * 1000000007123457 - 5000000000)::BIGINT END AS i64,
    CASE WHEN i % 5 = 4 THEN NULL ELSE (i::FLOAT / 3 - 1.1::FLOAT)::FLOAT END AS f32,
    CASE WHEN i % 5 = 0 THEN NULL WHEN i % 11 = 7 THEN 'NaN'::DOUBLE
         ELSE i::DOUBLE / 7 - 3 END AS f64,
    CASE WHEN i % 6 = 1 THEN NULL ELSE ((i * 12345 - 99999) / 100.0)::DECIMAL(10,2) END AS dec10,
    CASE WHEN i % 6 = 2 THEN NULL
         ELSE (i * 123456789.123456789 - 7)::DECIMAL(38,9) * 1000000000 + 0.000000001 * i END AS dec38,
    CASE WHEN i % 6 = 3 THEN NULL ELSE DATE '1969-12-25' + (i * 3)::INTEGER END AS d,
    CASE WHEN i % 6 = 4 THEN NULL ELSE TIME '00:00:00' + to_microseconds(i * 1234567) END AS t,
    CASE WHEN i % 7 = 1 THEN NULL
         ELSE TIMESTAMP '1969-12-31 12:00:00' + to_microseconds(i * ${tsStep}) END AS ts,
    CASE WHEN i % 7 = 2 THEN NULL
         ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 3600000123) END AS tstz,
    CASE WHEN i % 7 = 3 THEN NULL WHEN i % 7 = 4 THEN '' ELSE 'sé' || i || '😀' END AS s,
    CASE WHEN i % 7 = 5 THEN NULL WHEN i % 7 = 6 THEN '\\x00\\xFF\\x80'::BLOB
         ELSE ('b' || i)::BLOB END AS bin,
    CASE WHEN i % 7 = 6 THEN NULL
         ELSE ('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID END AS u,
    CASE WHEN i % 4 = 3 THEN NULL ELSE ['a', 'b c', 'ü/x=1%'][i % 4 + 1] END AS cat,
    CASE WHEN i % 8 = 1 THEN NULL
         ELSE {'a': i::INTEGER, 'z': CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' || i END} END AS st,
    CASE WHEN i % 8 = 2 THEN NULL ELSE list_slice([i, NULL, i + 1], 1, i % 4) END AS lst,
    CASE WHEN i % 8 = 3 THEN NULL ELSE MAP(['k' || (i % 3)], [i * 0.5 + 1 / 3]) END AS mp
  FROM range(${lo}, ${hi}) t(i)`;
}

// A DuckDB expression giving column `f` (an Iceberg schema field) in canonical form, or close to it
// (canon with src 'duck' finishes the job). Nested values go through to_json, parsed keeping
// numbers' text.
function duckCanonExpr(f) {
  const c = `"${f.name.replaceAll('"', '""')}"`;
  const t = f.type;
  if (typeof t === 'object') return `to_json(${c})`;
  if (t === 'float' || t === 'double') return `CASE WHEN isnan(${c}) THEN 'NaN' ELSE ${c}::VARCHAR END`;
  if (t === 'time' || t === 'timestamp' || t === 'timestamptz') return `epoch_us(${c})::VARCHAR`;
  if (t === 'binary') return `hex(${c})`;
  if (t === 'boolean' || t === 'string') return c;
  return `${c}::VARCHAR`; // int, long, decimal, date, uuid
}

// Canonical rows of the Parquet file(s) `files` (columns of Iceberg schema `schema`), read by
// DuckDB. With byFile, a Map from file name to its rows. (hive_partitioning is off: DuckDB would
// otherwise replace a column with the value parsed from a 'name=value' folder, and Iceberg's
// partition folders are form-encoded: 'cat=b+c' for 'b c'.)
async function duckCanonical(schema, files, { byFile = false } = {}) {
  const exprs = schema.fields.map((f) => `${duckCanonExpr(f)} AS "${f.name.replaceAll('"', '""')}"`);
  const rows = await duckRows(
    `SELECT filename AS "__file", ${exprs.join(', ')}
       FROM read_parquet(${sqlList(files)}, filename = true, hive_partitioning = false)`,
  );
  const out = new Map();
  for (const r of rows) {
    for (const f of schema.fields) {
      if (typeof f.type === 'object' && r[f.name] !== null) r[f.name] = parseJsonRaw(r[f.name]);
    }
    if (!out.has(r.__file)) out.set(r.__file, []);
    out.get(r.__file).push(canonRow(schema, r, 'duck'));
  }
  return byFile ? out : [...out.values()].flat();
}

async function writeAllTypes(file, lo, hi, tsStep) {
  await conn.run(`COPY (${allTypesSql(lo, hi, tsStep)}) TO ${sqlString(file)} (FORMAT parquet)`);
  return file;
}

// --- Avro (avsc) ------------------------------------------------------------------------------------

// avsc's default long type refuses values beyond 2^53; this one decodes to BigInt.
const longType = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});
const typeOf = (schema) => avro.Type.forSchema(schema, { registry: { long: longType } });

function decodeAvro(file) {
  return new Promise((resolve, reject) => {
    const records = [];
    let header;
    avro
      .createFileDecoder(file, { parseHook: typeOf })
      .on('metadata', (type, codec, h) => {
        header = h;
      })
      .on('data', (r) => records.push(r))
      .on('error', (err) => reject(new Error(`avsc cannot decode ${file}: ${err.message}`)))
      .on('end', () => resolve({ records, header }));
  });
}

// Every field-id / element-id / key-id / value-id of an Avro schema, by dotted path.
function collectIds(type, prefix, out) {
  if (Array.isArray(type)) {
    for (const branch of type) collectIds(branch, prefix, out);
    return out;
  }
  if (typeof type !== 'object' || type === null) return out;
  if (type.type === 'record') {
    for (const f of type.fields) {
      const name = prefix ? `${prefix}.${f.name}` : f.name;
      if ('field-id' in f) out[name] = f['field-id'];
      collectIds(f.type, name, out);
    }
  } else if (type.type === 'array') {
    if ('element-id' in type) out[`${prefix}.element`] = type['element-id'];
    collectIds(type.items, prefix, out);
  } else if (type.type === 'map') {
    if ('key-id' in type) out[`${prefix}.key`] = type['key-id'];
    if ('value-id' in type) out[`${prefix}.value`] = type['value-id'];
    collectIds(type.values, prefix, out);
  }
  return out;
}

// Field ids the spec gives the manifest entry (v2) and manifest file (manifest list) fields: every
// id in a writer schema must be the spec's (ALL_*), and the REQUIRED ones must be there.
const ALL_ENTRY_IDS = {
  status: 0, snapshot_id: 1, sequence_number: 3, file_sequence_number: 4, data_file: 2,
  'data_file.content': 134, 'data_file.file_path': 100, 'data_file.file_format': 101,
  'data_file.partition': 102, 'data_file.record_count': 103,
  'data_file.file_size_in_bytes': 104, 'data_file.column_sizes': 108,
  'data_file.column_sizes.key': 117, 'data_file.column_sizes.value': 118,
  'data_file.value_counts': 109, 'data_file.value_counts.key': 119,
  'data_file.value_counts.value': 120, 'data_file.null_value_counts': 110,
  'data_file.null_value_counts.key': 121, 'data_file.null_value_counts.value': 122,
  'data_file.nan_value_counts': 137, 'data_file.nan_value_counts.key': 138,
  'data_file.nan_value_counts.value': 139, 'data_file.lower_bounds': 125,
  'data_file.lower_bounds.key': 126, 'data_file.lower_bounds.value': 127,
  'data_file.upper_bounds': 128, 'data_file.upper_bounds.key': 129,
  'data_file.upper_bounds.value': 130, 'data_file.key_metadata': 131,
  'data_file.split_offsets': 132, 'data_file.split_offsets.element': 133,
  'data_file.equality_ids': 135, 'data_file.equality_ids.element': 136,
  'data_file.sort_order_id': 140, 'data_file.first_row_id': 142,
  'data_file.referenced_data_file': 143, 'data_file.content_offset': 144,
  'data_file.content_size_in_bytes': 145,
};
const ALL_MANIFEST_FILE_IDS = {
  manifest_path: 500, manifest_length: 501, partition_spec_id: 502, content: 517,
  sequence_number: 515, min_sequence_number: 516, added_snapshot_id: 503,
  added_files_count: 504, existing_files_count: 505, deleted_files_count: 506,
  added_rows_count: 512, existing_rows_count: 513, deleted_rows_count: 514, partitions: 507,
  'partitions.element': 508, 'partitions.contains_null': 509, 'partitions.contains_nan': 518,
  'partitions.lower_bound': 510, 'partitions.upper_bound': 511, key_metadata: 519,
  first_row_id: 520,
};
const ENTRY_IDS = {
  status: 0, snapshot_id: 1, sequence_number: 3, file_sequence_number: 4, data_file: 2,
  'data_file.content': 134, 'data_file.file_path': 100, 'data_file.file_format': 101,
  'data_file.partition': 102, 'data_file.record_count': 103, 'data_file.file_size_in_bytes': 104,
};
const MANIFEST_FILE_IDS = {
  manifest_path: 500, manifest_length: 501, partition_spec_id: 502, content: 517,
  sequence_number: 515, min_sequence_number: 516, added_snapshot_id: 503,
  added_files_count: 504, existing_files_count: 505, deleted_files_count: 506,
  added_rows_count: 512, existing_rows_count: 513, deleted_rows_count: 514,
};

function localPath(location) {
  return location.startsWith('file:') ? new URL(location).pathname : location;
}

// Decodes the current snapshot's manifest list and manifests with avsc, checks their headers and
// field ids, and returns the live data files {path, record_count, file_size_in_bytes, partition}
// and the live delete files.
async function liveFiles(metadataPath) {
  const metadata = JSON.parse(fs.readFileSync(metadataPath, 'utf8'));
  const currentId = String(metadata['current-snapshot-id']);
  // Match the snapshot by the id's text: ids beyond 2^53 lose digits in JSON.parse.
  const idText = /"current-snapshot-id"\s*:\s*(-?\d+)/.exec(fs.readFileSync(metadataPath, 'utf8'))[1];
  const snapshot = metadata.snapshots.find((s) => String(s['snapshot-id']) === currentId);
  assert.ok(snapshot, `no current snapshot ${idText} in ${metadataPath}`);
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id']);
  const listFile = localPath(snapshot['manifest-list']);
  const list = await decodeAvro(listFile);
  const listMeta = (k) => list.header.meta[k]?.toString();
  assert.equal(listMeta('format-version'), String(metadata['format-version']), `${listFile}: format-version`);
  assert.equal(listMeta('snapshot-id'), idText, `${listFile}: snapshot-id header`);
  const listIds = collectIds(JSON.parse(listMeta('avro.schema')), '', {});
  for (const [name, id] of Object.entries(MANIFEST_FILE_IDS)) {
    assert.equal(listIds[name], id, `${listFile}: field ${name} should have field-id ${id}`);
  }
  for (const [name, id] of Object.entries(listIds)) {
    assert.equal(id, ALL_MANIFEST_FILE_IDS[name], `${listFile}: field ${name} has field-id ${id}`);
  }
  const data = [];
  const deletes = [];
  for (const m of list.records) {
    for (const name of Object.keys(MANIFEST_FILE_IDS)) {
      assert.ok(m[name] !== undefined, `${listFile}: manifest_file.${name} missing`);
    }
    const manifestFile = localPath(m.manifest_path);
    assert.equal(
      BigInt(fs.statSync(manifestFile).size),
      m.manifest_length,
      `${listFile}: manifest_length of ${m.manifest_path}`,
    );
    const { records, header } = await decodeAvro(manifestFile);
    const meta = (k) => header.meta[k]?.toString();
    for (const k of ['schema', 'schema-id', 'partition-spec', 'partition-spec-id', 'format-version', 'content']) {
      assert.ok(meta(k) !== undefined, `${manifestFile}: header key ${k} missing`);
    }
    assert.equal(meta('format-version'), String(metadata['format-version']), `${manifestFile}: format-version`);
    assert.equal(meta('content'), m.content === 0 ? 'data' : 'deletes', `${manifestFile}: content`);
    assert.equal(meta('partition-spec-id'), String(m.partition_spec_id), `${manifestFile}: partition-spec-id`);
    JSON.parse(meta('schema'));
    const mSpec = metadata['partition-specs'].find((s) => String(s['spec-id']) === meta('partition-spec-id'));
    assert.deepEqual(JSON.parse(meta('partition-spec')), mSpec.fields, `${manifestFile}: partition-spec header`);
    const ids = collectIds(JSON.parse(meta('avro.schema')), '', {});
    for (const [name, id] of Object.entries(ENTRY_IDS)) {
      assert.equal(ids[name], id, `${manifestFile}: field ${name} should have field-id ${id}`);
    }
    for (const f of mSpec.fields) {
      assert.equal(ids[`data_file.partition.${f.name}`], f['field-id'],
        `${manifestFile}: partition field ${f.name} should have field-id ${f['field-id']}`);
    }
    for (const [name, id] of Object.entries(ids)) {
      if (name.startsWith('data_file.partition.')) continue;
      assert.equal(id, ALL_ENTRY_IDS[name], `${manifestFile}: field ${name} has field-id ${id}`);
    }
    const live = records.filter((e) => e.status !== 2);
    checkPartitionSummaries(metadata, mSpec, m, live, `${listFile}: partitions of ${m.manifest_path}`);
    let added = 0n;
    let existing = 0n;
    for (const e of records) {
      for (const name of Object.keys(ENTRY_IDS)) {
        const [a, b] = name.split('.');
        assert.ok((b ? e[a][b] : e[a]) !== undefined, `${manifestFile}: entry field ${name} missing`);
      }
      if (e.status === 2) continue; // DELETED
      const f = e.data_file;
      if (e.status === 1) added += f.record_count;
      else existing += f.record_count;
      const file = {
        path: localPath(f.file_path),
        location: f.file_path,
        record_count: f.record_count,
        file_size_in_bytes: f.file_size_in_bytes,
        partition: f.partition,
        manifest: manifestFile,
        stats: f,
      };
      if (m.content === 0 && f.content === 0) data.push(file);
      else deletes.push(file);
    }
    assert.equal(m.added_rows_count, added, `${listFile}: added_rows_count of ${m.manifest_path}`);
    assert.equal(m.existing_rows_count, existing, `${listFile}: existing_rows_count of ${m.manifest_path}`);
  }
  const rows = data.reduce((n, f) => n + f.record_count, 0n);
  assert.equal(snapshot.summary?.['total-records'], String(rows), `${metadataPath}: snapshot summary total-records`);
  assert.equal(snapshot.summary?.['total-data-files'], String(data.length), `${metadataPath}: snapshot summary total-data-files`);
  return { data, deletes, spec, schema: metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id']) };
}

// The manifest list's partition field summaries of manifest `m` (contains_null, lower_bound,
// upper_bound) must describe the partition values of its live entries: engines prune manifests
// with them.
function checkPartitionSummaries(metadata, spec, m, entries, where) {
  if (spec.fields.length === 0) return;
  assert.ok(Array.isArray(m.partitions), `${where}: no partitions summary`);
  assert.equal(m.partitions.length, spec.fields.length, `${where}: one summary per partition field`);
  const schema = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id']);
  spec.fields.forEach((pf, i) => {
    const source = schema.fields.find((f) => f.id === pf['source-id']);
    const resultType = pf.transform === 'identity' || pf.transform.startsWith('truncate')
      ? source.type : pf.transform === 'day' ? 'date' : 'int';
    const values = entries.map((e) => e.data_file.partition[pf.name]);
    const sum = m.partitions[i];
    const label = `${where}: field ${pf.name}`;
    // (A summary may also cover the manifest's DELETED entries, as Java's does: only require what
    // the live entries need.)
    if (values.some((v) => v === null)) assert.equal(sum.contains_null, true, `${label}: contains_null`);
    const nonNull = values.filter((v) => v !== null);
    const decode = (buf) => {
      switch (resultType) {
        case 'int':
        case 'date':
          return buf.readInt32LE(0);
        case 'long':
        case 'timestamp':
        case 'timestamptz':
          return buf.readBigInt64LE(0);
        case 'boolean':
          return buf[0] !== 0;
        case 'string':
          return buf.toString('utf8');
        default:
          return undefined; // not checked
      }
    };
    const cmp = (a, b) =>
      typeof a === 'string'
        ? Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
        : a < b ? -1 : a > b ? 1 : 0;
    if (nonNull.length === 0) return;
    for (const [name, sign] of [['lower_bound', 1], ['upper_bound', -1]]) {
      assert.ok(sum[name] !== null, `${label}: ${name} missing though there are non-null values`);
      const bound = decode(sum[name]);
      if (bound === undefined) continue;
      for (const v of nonNull) {
        assert.ok(cmp(bound, v) * sign <= 0,
          `${label}: ${name} ${JSON.stringify(String(bound))} excludes the partition value ${JSON.stringify(String(v))}`);
      }
    }
  });
}

// --- partition transforms (Iceberg spec) --------------------------------------------------------------

function murmur3(bytes) {
  let h = 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let i = 0;
  const mixK = (k) => {
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    return Math.imul(k, c2);
  };
  for (; i + 4 <= bytes.length; i += 4) {
    h ^= mixK(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const rest = bytes.length - i;
  if (rest === 3) k ^= bytes[i + 2] << 16;
  if (rest >= 2) k ^= bytes[i + 1] << 8;
  if (rest >= 1) h ^= mixK(k ^ bytes[i]);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
// The spec's 32-bit hash of canonical value `c` (int, long, date and time/timestamps hash as a long).
function hashValue(type, c) {
  if (['int', 'long', 'date', 'time', 'timestamp', 'timestamptz'].includes(type)) {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(type === 'date' ? epochDays(c) : c));
    return murmur3(buf);
  }
  if (type === 'string') return murmur3(Buffer.from(c, 'utf8'));
  throw new Error(`bucket of ${type} not implemented here`);
}

// Days since 1970-01-01 of a canonical date, and floor division for BigInt.
function epochDays(date) {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}
function floorDiv(a, b) {
  return a >= 0n ? a / b : -((-a + b - 1n) / b);
}
const MICROS_PER_DAY = 86_400_000_000n;

// The partition value the spec gives canonical value `c` of `type` under `transform`, in the form
// avsc decodes a manifest partition field to (int → number, long → BigInt, date → days).
function transformValue(transform, type, c) {
  if (c === null) return null;
  const isTs = type === 'timestamp' || type === 'timestamptz';
  if (transform === 'identity') {
    if (type === 'int') return Number(c);
    if (type === 'long' || isTs || type === 'time') return BigInt(c);
    if (type === 'date') return epochDays(c);
    if (type === 'float' || type === 'double') return Number(c);
    return c;
  }
  if (['year', 'month', 'day', 'hour'].includes(transform)) {
    const days = isTs ? Number(floorDiv(BigInt(c), MICROS_PER_DAY)) : epochDays(c);
    if (transform === 'hour') {
      assert.ok(isTs, 'hour of a date');
      return Number(floorDiv(BigInt(c), 3_600_000_000n));
    }
    if (transform === 'day') return days;
    const d = new Date(days * 86_400_000);
    const years = d.getUTCFullYear() - 1970;
    return transform === 'year' ? years : years * 12 + d.getUTCMonth();
  }
  let m = /^bucket\[(\d+)\]$/.exec(transform);
  if (m) return (hashValue(type, c) & 0x7fffffff) % Number(m[1]);
  m = /^truncate\[(\d+)\]$/.exec(transform);
  if (m && type === 'string') return Array.from(c).slice(0, Number(m[1])).join('');
  if (m && (type === 'int' || type === 'long')) {
    const w = BigInt(m[1]);
    const v = BigInt(c);
    const t = v - (((v % w) + w) % w);
    return type === 'int' ? Number(t) : t;
  }
  throw new Error(`transform ${transform} of ${type} not implemented here`);
}

// --- column statistics in the manifests ------------------------------------------------------------

// A bound (Iceberg single-value binary serialization) of a primitive `type`, in canonical form.
function decodeBound(type, buf) {
  const scale = decimalScale(type);
  if (scale !== undefined) {
    let v = 0n;
    for (const byte of buf) v = (v << 8n) | BigInt(byte);
    if (buf.length && buf[0] & 0x80) v -= 1n << BigInt(buf.length * 8);
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
    const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return canonDecimal(`${neg ? '-' : ''}${text}`, scale);
  }
  switch (type) {
    case 'boolean':
      return buf[0] !== 0;
    case 'int':
      return String(buf.readInt32LE(0));
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return buf.readBigInt64LE(0).toString();
    case 'float':
      return String(buf.readFloatLE(0));
    case 'double':
      return String(buf.readDoubleLE(0));
    case 'date':
      return new Date(buf.readInt32LE(0) * 86_400_000).toISOString().slice(0, 10);
    case 'string':
      return buf.toString('utf8');
    case 'binary':
      return buf.toString('hex');
    case 'uuid':
      return hexToUuid(buf.toString('hex'));
    default:
      throw new Error(`bound of ${type}`);
  }
}

// Orders two canonical values of a primitive `type` (Iceberg's ordering): <0, 0, >0.
function compareCanon(type, a, b) {
  const scale = decimalScale(type);
  const big = (x) => BigInt(x);
  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  if (scale !== undefined) return cmp(big(a.replace('.', '')), big(b.replace('.', '')));
  switch (type) {
    case 'boolean':
      return cmp(Number(a), Number(b));
    case 'int':
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return cmp(big(a), big(b));
    case 'float':
    case 'double':
      return cmp(Number(a), Number(b)); // -0 == 0
    case 'date':
      return cmp(a, b);
    case 'string':
      return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    case 'binary':
      return Buffer.compare(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
    case 'uuid':
      return Buffer.compare(Buffer.from(a.replaceAll('-', ''), 'hex'), Buffer.from(b.replaceAll('-', ''), 'hex'));
    default:
      throw new Error(`order of ${type}`);
  }
}

// Problems with the value_counts, null_value_counts, nan_value_counts, lower_bounds and
// upper_bounds a manifest entry gives for the top-level primitive columns of its data file, whose
// canonical rows are `rows`. Bounds must enclose every non-null, non-NaN value (string and binary
// bounds may be truncated prefixes); counts must be exact.
function statsProblems(schema, file, rows) {
  const problems = [];
  const stat = (name, id) => file.stats[name]?.find((kv) => kv.key === id)?.value;
  for (const f of schema.fields) {
    if (typeof f.type === 'object') continue;
    const values = rows.map((r) => r[f.name]);
    const nonNull = values.filter((v) => v !== null);
    const isFloat = f.type === 'float' || f.type === 'double';
    const nans = isFloat ? nonNull.filter((v) => v === 'NaN').length : 0;
    const ordered = nonNull.filter((v) => v !== 'NaN');
    const where = `${file.location} column ${f.name} (id ${f.id}, ${f.type})`;
    const vc = stat('value_counts', f.id);
    if (vc !== undefined && vc !== BigInt(values.length)) {
      problems.push(`${where}: value_counts ${vc}, the file has ${values.length} values`);
    }
    const nc = stat('null_value_counts', f.id);
    if (nc !== undefined && nc !== BigInt(values.length - nonNull.length)) {
      problems.push(`${where}: null_value_counts ${nc}, the file has ${values.length - nonNull.length} nulls`);
    }
    const nanc = stat('nan_value_counts', f.id);
    if (isFloat && nanc !== undefined && nanc !== BigInt(nans)) {
      problems.push(`${where}: nan_value_counts ${nanc}, the file has ${nans} NaN`);
    }
    if (!isFloat && nanc !== undefined) problems.push(`${where}: nan_value_counts given for a non-float column`);
    let min;
    let max;
    for (const v of ordered) {
      if (min === undefined || compareCanon(f.type, v, min) < 0) min = v;
      if (max === undefined || compareCanon(f.type, v, max) > 0) max = v;
    }
    for (const [name, want, sign] of [['lower_bounds', min, 1], ['upper_bounds', max, -1]]) {
      const buf = stat(name, f.id);
      if (buf === undefined) continue;
      const bound = decodeBound(f.type, buf);
      if (want === undefined) {
        problems.push(`${where}: ${name} ${JSON.stringify(bound)} for a column with no non-null, non-NaN value`);
        continue;
      }
      if (isFloat && bound === 'NaN') {
        problems.push(`${where}: ${name} is NaN`);
        continue;
      }
      // lower ≤ min and upper ≥ max; a truncated string/binary upper bound is a prefix rounded up.
      const c = compareCanon(f.type, bound, want);
      if (c * sign > 0) {
        problems.push(`${where}: ${name} ${JSON.stringify(bound)} excludes the ${sign > 0 ? 'minimum' : 'maximum'} ${JSON.stringify(want)}`);
      }
    }
  }
  return problems;
}

// --- the checks ---------------------------------------------------------------------------------------

// icebird's rows and floe read's rows of `table` both equal `expected` (canonical rows).
async function checkReaders(label, warehouse, table, expected) {
  const info = await describe(warehouse, table);
  const schema = info.schema;
  const floeRows = (await floeRead(warehouse, table)).map((r) => canonRow(schema, r, 'floe'));
  assertSameRows(`${label}: floe read`, expected, floeRows, { gotName: 'floe read' });

  const { rows } = await readIcebergTable(info.metadata_location);
  const ice = rows.map((r) => icebirdRow(schema, r));
  const want = expected.map((r) => icebirdViewRow(schema, r));
  assertSameRows(`${label}: icebird`, want, ice, { gotName: 'icebird' });
  return { info, schema, floeRows };
}

// The manifests (avsc), data files (DuckDB: rows, field ids, counts, sizes) and partition tuples of
// the current snapshot of `table` agree with floe read's rows.
async function checkFiles(label, { info, schema, floeRows }) {
  const live = await liveFiles(info.metadata_location);
  assert.deepEqual(live.schema, schema, `${label}: current schema in the metadata file`);
  assert.equal(live.deletes.length, 0,
    `${label}: floe's overwrite is copy-on-write here, so no delete file is expected: ${live.deletes.map((d) => d.location)}`);
  const total = live.data.reduce((n, f) => n + f.record_count, 0n);
  assert.equal(total, BigInt(floeRows.length), `${label}: sum of live record_count vs floe read rows`);
  if (live.data.length === 0) return { live, rowsByFile: new Map() };
  const files = live.data.map((f) => f.path);
  for (const f of live.data) {
    assert.equal(BigInt(fs.statSync(f.path).size), f.file_size_in_bytes, `${label}: file_size_in_bytes of ${f.location} (${f.manifest})`);
  }

  // Field ids on every column: every schema element but the root and the repeated groups of lists
  // and maps (which have none in Iceberg's Parquet mapping).
  const elements = await duckRows(
    `SELECT file_name, name, repetition_type, field_id, num_children FROM parquet_schema(${sqlList(files)})`,
  );
  const missingIds = elements.filter(
    (e) => e.field_id === null && e.repetition_type !== 'REPEATED' && e.repetition_type !== null,
  );
  assert.deepEqual(missingIds.map((e) => `${e.file_name}: ${e.name}`), [], `${label}: Parquet columns without field_id`);
  assert.equal(new Set(elements.map((e) => e.file_name)).size, files.length, `${label}: parquet_schema of every file`);

  // DuckDB's rows of the live data files == floe read's rows; record_count of every file.
  const rowsByFile = await duckCanonical(schema, files, { byFile: true });
  for (const f of live.data) {
    assert.equal(BigInt(rowsByFile.get(f.path)?.length ?? 0), f.record_count, `${label}: record_count of ${f.location}`);
  }
  assertSameRows(`${label}: DuckDB read_parquet of the live data files`, floeRows, [...rowsByFile.values()].flat(), {
    wantName: 'floe read',
    gotName: 'DuckDB',
  });

  // Column statistics of every file.
  const statProblems = live.data.flatMap((f) => statsProblems(schema, f, rowsByFile.get(f.path) ?? []));
  assert.deepEqual(statProblems.slice(0, 20), [], `${label}: column statistics in the manifests`);

  // Partition tuples: every row of every file maps to the file's partition values.
  if (live.spec.fields.length > 0) {
    const colType = Object.fromEntries(schema.fields.map((f) => [f.id, f]));
    const problems = [];
    for (const f of live.data) {
      for (const r of rowsByFile.get(f.path) ?? []) {
        for (const pf of live.spec.fields) {
          const src = colType[pf['source-id']];
          const want = transformValue(pf.transform, src.type, r[src.name]);
          const got = f.partition[pf.name];
          if (want !== got) {
            problems.push(
              `${f.location}: partition ${pf.name} (${pf.transform} of ${src.name}=${JSON.stringify(r[src.name])}) ` +
                `is ${String(got)}, the spec gives ${String(want)}`,
            );
          }
        }
      }
    }
    assert.deepEqual(problems.slice(0, 20), [], `${label}: partition values in the manifests`);
  }
  return { live, rowsByFile };
}

// --- setup ---------------------------------------------------------------------------------------------

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'floe-table-interop-'));
  const instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('SET threads = 2');
  await conn.run("SET TimeZone = 'UTC'");
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function warehouse(name) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  return dir;
}

test('the transforms used here match the Iceberg spec test vectors', () => {
  // Spec, Appendix B: hash(34) for int/long = 2017239379, hash('iceberg') = 1210000089.
  assert.equal(hashValue('long', '34'), 2017239379);
  assert.equal(hashValue('string', 'iceberg'), 1210000089);
  assert.equal(transformValue('day', 'timestamp', '-1'), -1);
  assert.equal(transformValue('truncate[2]', 'string', 'sé0😀'), 'sé');
  assert.equal(hashValue('date', '2017-11-16'), -653330422);
  assert.equal(hashValue('timestamp', String(Date.UTC(2017, 10, 16, 22, 31, 8) * 1000)), -2047944441);
  assert.equal(transformValue('truncate[10]', 'int', '-1'), -10);
  assert.equal(transformValue('month', 'date', '1969-12-31'), -1);
  assert.equal(transformValue('year', 'timestamp', '-1'), -1);
  assert.equal(transformValue('hour', 'timestamp', '-1'), -1);
});

test('unpartitioned all-types table: icebird and DuckDB read what floe writes', { skip }, async () => {
  const wh = warehouse('all-types');
  const input = await writeAllTypes(path.join(tmp, 'all.parquet'), 0, 42);
  await floe(wh, 'namespace', 'create', 'db');
  const out = JSON.parse(await floe(wh, '--json', 'write', 'db.t', input));
  assert.equal(Number(out.num_rows), 42);

  const info = await describe(wh, 'db.t');
  const types = Object.fromEntries(info.schema.fields.map((f) => [f.name, f.type]));
  assert.deepEqual(
    { ...types, st: types.st.type, lst: types.lst.type, mp: types.mp.type },
    {
      id: 'int', b: 'boolean', i32: 'int', i64: 'long', f32: 'float', f64: 'double',
      dec10: 'decimal(10,2)', dec38: 'decimal(38,9)', d: 'date', t: 'time', ts: 'timestamp',
      tstz: 'timestamptz', s: 'string', bin: 'binary', u: 'uuid', cat: 'string', st: 'struct',
      lst: 'list', mp: 'map',
    },
    'schema floe derives from the DuckDB file',
  );
  const expected = await duckCanonical(info.schema, [input]);
  // Every column holds nulls and non-nulls (the data is meant to cover both).
  for (const f of info.schema.fields) {
    if (f.name === 'id') continue;
    assert.ok(expected.some((r) => r[f.name] === null) && expected.some((r) => r[f.name] !== null), f.name);
  }
  const state = await checkReaders('all-types', wh, 'db.t', expected);
  await checkFiles('all-types', state);
});

test('partitioned table through appends and overwrites: icebird == floe read == expected', { skip }, async () => {
  const wh = warehouse('partitioned');
  await floe(wh, 'namespace', 'create', 'db');
  const step = 1_800_000_123; // 30 min: a few rows share a day partition
  const files = {};
  for (const [name, lo, hi] of [['p1', 0, 40], ['p2', 40, 70], ['p3', 70, 100], ['p4', 100, 120],
    ['q', 1000, 1015], ['r', 2000, 2012], ['z', 3000, 3025]]) {
    files[name] = await writeAllTypes(path.join(tmp, `${name}.parquet`), lo, hi, step);
  }
  const spec = 'day(ts), bucket(8, id), truncate(2, s), cat';
  const rowsOf = async (schema, ...names) => duckCanonical(schema, names.map((n) => files[n]));

  // 1. Create the table (partitioned) from p1.
  await floe(wh, 'write', 'db.p', files.p1, '--partition-by', spec);
  const info = await describe(wh, 'db.p');
  assert.deepEqual(
    info.partition_spec.fields.map((f) => [f.name, f.transform, f['source-id']]),
    [['ts_day', 'day', 11], ['id_bucket', 'bucket[8]', 1], ['s_trunc', 'truncate[2]', 13], ['cat', 'identity', 16]],
    'partition spec',
  );
  const schema = info.schema;
  let state = await rowsOf(schema, 'p1');
  const history = [];
  let r = await checkReaders('after create', wh, 'db.p', state);
  history.push({ label: 'after create', info: r.info, state });
  await checkFiles('after create', r);

  // 2. Appends: one file, then two files in one write.
  await floe(wh, 'write', 'db.p', files.p2);
  await floe(wh, 'write', 'db.p', files.p3, files.p4);
  state = state.concat(await rowsOf(schema, 'p2', 'p3', 'p4'));
  r = await checkReaders('after appends', wh, 'db.p', state);
  history.push({ label: 'after appends', info: r.info, state });
  const { rowsByFile } = await checkFiles('after appends', r);

  // 3. Overwrite the rows matching a filter on a non-partition column (NULL does not match): the
  //    matching rows are replaced by q's rows, the others stay (files partly matching are rewritten).
  await floe(wh, 'write', 'db.p', files.q, '--mode', 'overwrite', '--where', 'i32 >= 20000 and i32 < 60000');
  const inRange = (row) => row.i32 !== null && Number(row.i32) >= 20000 && Number(row.i32) < 60000;
  assert.ok(state.some(inRange) && state.some((x) => !inRange(x)));
  assert.ok(
    [...rowsByFile.values()].some((rows) => rows.some(inRange) && rows.some((x) => !inRange(x))),
    'some data file holds rows on both sides of the filter (so it must be rewritten, not dropped)',
  );
  state = state.filter((x) => !inRange(x)).concat(await rowsOf(schema, 'q'));
  r = await checkReaders('after overwrite --where i32', wh, 'db.p', state);
  history.push({ label: 'after overwrite --where i32', info: r.info, state });
  await checkFiles('after overwrite --where i32', r);

  // 4. Overwrite by a partition column's value.
  await floe(wh, 'write', 'db.p', files.r, '--mode', 'overwrite', '--where', "cat = 'a'");
  assert.ok(state.some((x) => x.cat === 'a'));
  state = state.filter((x) => x.cat !== 'a').concat(await rowsOf(schema, 'r'));
  r = await checkReaders("after overwrite --where cat = 'a'", wh, 'db.p', state);
  history.push({ label: "after overwrite --where cat = 'a'", info: r.info, state });
  await checkFiles("after overwrite --where cat = 'a'", r);

  // 5. Full overwrite.
  await floe(wh, 'write', 'db.p', files.z, '--mode', 'overwrite');
  state = await rowsOf(schema, 'z');
  r = await checkReaders('after full overwrite', wh, 'db.p', state);
  history.push({ label: 'after full overwrite', info: r.info, state });
  await checkFiles('after full overwrite', r);

  // Time travel: every earlier snapshot still reads as it was, in floe (--snapshot) and in icebird
  // (its metadata file, whose current snapshot it is): nothing an old snapshot needs was removed.
  for (const h of history) {
    const floeRows = (await floeRead(wh, 'db.p', '--snapshot', h.info.snapshotId)).map((x) => canonRow(schema, x, 'floe'));
    assertSameRows(`${h.label}, read later with --snapshot`, h.state, floeRows, { gotName: 'floe read' });
    const { rows } = await readIcebergTable(h.info.metadata_location);
    assertSameRows(`${h.label}, old metadata read later by icebird`,
      h.state.map((x) => icebirdViewRow(schema, x)), rows.map((x) => icebirdRow(schema, x)), { gotName: 'icebird' });
  }

  const snaps = JSON.parse(await floe(wh, '--json', 'snapshots', 'db.p'));
  const list = Array.isArray(snaps) ? snaps : snaps.snapshots;
  assert.equal(list.length, 6, 'one snapshot per write');
});

test('partitioned by year, month, hour, bucket and truncate of other types: icebird == floe read', { skip }, async () => {
  const wh = warehouse('partitioned-2');
  await floe(wh, 'namespace', 'create', 'db');
  const a = await writeAllTypes(path.join(tmp, 'o1.parquet'), 0, 30, 3_600_000_007 * 24 * 9);
  const b = await writeAllTypes(path.join(tmp, 'o2.parquet'), 30, 55, 3_600_000_007 * 24 * 9);
  const spec = 'year(d), month(tstz), hour(ts), bucket(4, s), truncate(10, i32), b, bucket(5, i64), bucket(3, d)';
  await floe(wh, 'write', 'db.o', a, '--partition-by', spec);
  const info = await describe(wh, 'db.o');
  assert.deepEqual(
    info.partition_spec.fields.map((f) => f.transform),
    ['year', 'month', 'hour', 'bucket[4]', 'truncate[10]', 'identity', 'bucket[5]', 'bucket[3]'],
  );
  await floe(wh, 'write', 'db.o', b);
  const expected = await duckCanonical(info.schema, [a, b]);
  const r = await checkReaders('other transforms', wh, 'db.o', expected);
  await checkFiles('other transforms', r);
});

test('tables created from CSV and JSONL: icebird == floe read == expected', { skip }, async () => {
  const wh = warehouse('text');
  await floe(wh, 'namespace', 'create', 'db');
  const csv = path.join(tmp, 'a.csv');
  fs.writeFileSync(
    csv,
    'id,name,amount,day,flag,ts,tz\n' +
      '1,alpha,1.5,2024-01-02,true,2024-01-02 03:04:05.123456,2024-01-02T03:04:05.123456Z\n' +
      '2,"bé, ta ""q""",,2024-02-03,false,2024-01-02T03:04:05,2024-01-02T03:04:05+01:00\n' +
      '3,,-2.25,,,,\n' +
      '4,"",1e3,1969-07-20,true,1969-07-20 20:17:40,1969-07-20T20:17:40.000001Z\n',
  );
  const jsonl = path.join(tmp, 'b.jsonl');
  fs.writeFileSync(
    jsonl,
    '{"id":5,"name":"日本","amount":0.1,"day":"2024-03-04","flag":false,"ts":"2024-03-04T05:06:07.654321","tz":"2024-03-04T05:06:07Z"}\n' +
      '{"id":6,"name":null,"amount":null,"day":null,"flag":null,"ts":null,"tz":null}\n',
  );
  await floe(wh, 'write', 'db.c', csv, '--format', 'csv');
  await floe(wh, 'write', 'db.c', jsonl, '--format', 'jsonl');
  const info = await describe(wh, 'db.c');
  assert.deepEqual(
    info.schema.fields.map((f) => [f.name, f.type]),
    [['id', 'long'], ['name', 'string'], ['amount', 'double'], ['day', 'date'], ['flag', 'boolean'],
      ['ts', 'timestamp'], ['tz', 'timestamptz']],
    'schema floe infers from the CSV',
  );
  // Expected rows, canonical. CSV: an empty unquoted field is null, a quoted "" is ''.
  const js = (row) => canonRow(info.schema, row, 'js');
  const expected = [
    { id: '1', name: 'alpha', amount: '1.5', day: '2024-01-02', flag: true, ts: '2024-01-02T03:04:05.123456', tz: '2024-01-02T03:04:05.123456Z' },
    { id: '2', name: 'bé, ta "q"', amount: null, day: '2024-02-03', flag: false, ts: '2024-01-02T03:04:05', tz: '2024-01-02T02:04:05Z' },
    { id: '3', name: null, amount: '-2.25', day: null, flag: null, ts: null, tz: null },
    { id: '4', name: '', amount: '1000', day: '1969-07-20', flag: true, ts: '1969-07-20T20:17:40', tz: '1969-07-20T20:17:40.000001Z' },
    { id: '5', name: '日本', amount: '0.1', day: '2024-03-04', flag: false, ts: '2024-03-04T05:06:07.654321', tz: '2024-03-04T05:06:07Z' },
    { id: '6', name: null, amount: null, day: null, flag: null, ts: null, tz: null },
  ].map(js);
  let r = await checkReaders('csv + jsonl', wh, 'db.c', expected);
  await checkFiles('csv + jsonl', r);

  // A table created from JSONL with nested values and a long beyond 2^53.
  const nested = path.join(tmp, 'n.jsonl');
  fs.writeFileSync(
    nested,
    '{"id":1,"o":{"a":1,"b":"x"},"l":[1,2,null],"big":9007199254740993,"f":1e300,"s":"a\\u00e9\\n\\"q\\""}\n' +
      '{"id":2,"o":null,"l":[],"big":-9223372036854775808,"f":-0.5,"s":""}\n' +
      '{"id":3,"o":{"a":null,"b":null},"l":null,"big":null,"f":null,"s":null}\n',
  );
  await floe(wh, 'write', 'db.n', nested);
  const ninfo = await describe(wh, 'db.n');
  const nexp = [
    { id: '1', o: { a: '1', b: 'x' }, l: ['1', '2', null], big: '9007199254740993', f: '1e+300', s: 'aé\n"q"' },
    { id: '2', o: null, l: [], big: '-9223372036854775808', f: '-0.5', s: '' },
    { id: '3', o: { a: null, b: null }, l: null, big: null, f: null, s: null },
  ].map((row) => canonRow(ninfo.schema, row, 'js'));
  r = await checkReaders('nested jsonl', wh, 'db.n', nexp);
  await checkFiles('nested jsonl', r);
});

// Top-level column names that are not Avro names ('Breed Name', '1a', 'x.y'). Iceberg's
// Java writer names Parquet columns with AvroSchemaUtil.makeCompatibleName ('Breed_x20Name', '_1a',
// 'x_x2Ey'; parquet/.../TypeToMessageType.java), and icebird looks columns up by that sanitized
// name, so floe's files must use it too for icebird (and other name-based readers of Java-written
// tables) to find the columns; the field ids are unchanged.
test('column names that are not Avro names: floe read', { skip }, async (t) => {
  const wh = warehouse('names');
  await floe(wh, 'namespace', 'create', 'db');
  const file = path.join(tmp, 'names.jsonl');
  fs.writeFileSync(
    file,
    '{"id":1,"Breed Name":"lab","1a":10,"x.y":"p"}\n' +
      '{"id":2,"Breed Name":null,"1a":null,"x.y":null}\n',
  );
  await floe(wh, 'write', 'db.names', file);
  const info = await describe(wh, 'db.names');
  const expected = [
    { id: '1', 'Breed Name': 'lab', '1a': '10', 'x.y': 'p' },
    { id: '2', 'Breed Name': null, '1a': null, 'x.y': null },
  ].map((row) => canonRow(info.schema, row, 'js'));
  const floeRows = (await floeRead(wh, 'db.names')).map((r) => canonRow(info.schema, r, 'floe'));
  assertSameRows('odd names: floe read', expected, floeRows, { gotName: 'floe read' });
  const duck = await duckRows(
    `SELECT name, field_id FROM parquet_schema(${sqlList((await liveFiles(info.metadata_location)).data.map((f) => f.path))})`,
  );
  const parquetNames = duck.filter((e) => e.field_id !== null).map((e) => e.name);

  assert.deepEqual(parquetNames, ['id', 'Breed_x20Name', '_1a', 'x_x2Ey']);
  await t.test('icebird reads them', async () => {
    const { rows } = await readIcebergTable(info.metadata_location);
    assertSameRows('odd names: icebird', expected.map((r) => icebirdViewRow(info.schema, r)),
      rows.map((r) => icebirdRow(info.schema, r)), { gotName: 'icebird' });
  });
});
