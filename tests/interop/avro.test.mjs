// Avro container files checked by avsc 5.7.9, a reader and writer floe did not write.
//
// floe -> avsc: `avro_tool write-sample` writes a file per codec; avsc decodes it and must find
// the exact values (64-bit longs as BigInt) and the field-id attributes in the writer schema.
// avsc -> floe: avsc writes a file per codec from a schema object with field ids; `avro_tool dump`
// must print the same values and `avro_tool header` the same field ids.
//
// avsc has no snappy or zstandard codec built in. Snappy is supplied below (a decoder of the raw
// snappy format and a literal-only encoder, both with Avro's big-endian CRC-32 trailer); zstandard
// goes through the `zstd` command (Node 20 has no zstd), and is skipped when that is missing.
//
// Run: FLOE_BUILD_DIR=/path/to/build node --test   (from tests/interop)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import avro from 'avsc';

const buildDir = process.env.FLOE_BUILD_DIR;
const tool = buildDir ? path.join(buildDir, 'tests', 'avro_tool') : '';
const skip =
  !tool || !fs.existsSync(tool) ? `avro_tool not found (FLOE_BUILD_DIR=${buildDir})` : false;

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

// ---- snappy (raw block format) with Avro's CRC trailer ----

function snappyDecode(src) {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const b = src[pos++];
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  const out = Buffer.alloc(length);
  let o = 0;
  while (pos < src.length) {
    const tag = src[pos++];
    let len;
    let offset;
    switch (tag & 3) {
      case 0: {
        len = tag >> 2;
        if (len >= 60) {
          const extra = len - 59;
          len = 0;
          for (let i = 0; i < extra; i++) len += src[pos++] * 2 ** (8 * i);
        }
        len += 1;
        src.copy(out, o, pos, pos + len);
        pos += len;
        o += len;
        continue;
      }
      case 1:
        len = ((tag >> 2) & 7) + 4;
        offset = ((tag >> 5) << 8) | src[pos++];
        break;
      case 2:
        len = (tag >> 2) + 1;
        offset = src.readUInt16LE(pos);
        pos += 2;
        break;
      default:
        len = (tag >> 2) + 1;
        offset = src.readUInt32LE(pos);
        pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error('bad snappy copy offset');
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset];
  }
  if (o !== length) throw new Error('snappy length mismatch');
  return out;
}

// A valid snappy block made of literals only (no compression, which is all the test needs).
function snappyEncodeLiterals(src) {
  const parts = [];
  const head = [];
  let n = src.length;
  do {
    head.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  parts.push(Buffer.from(head));
  for (let pos = 0; pos < src.length; pos += 65536) {
    const chunk = src.subarray(pos, Math.min(pos + 65536, src.length));
    parts.push(Buffer.from([61 << 2, (chunk.length - 1) & 0xff, (chunk.length - 1) >> 8]), chunk);
  }
  return Buffer.concat(parts);
}

function crcTrailer(data) {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(zlib.crc32(data));
  return buf;
}

const zstdCli = ['/usr/bin/zstd', '/usr/local/bin/zstd'].find((p) => fs.existsSync(p));
const viaZstd = (args) => (buf, cb) => {
  try {
    cb(null, execFileSync(zstdCli, [...args, '-q', '-c'], { input: buf }));
  } catch (err) {
    cb(err);
  }
};

const decodeCodecs = {
  zstandard: viaZstd(['-d']),
  null: (buf, cb) => cb(null, buf),
  deflate: zlib.inflateRaw,
  snappy: (buf, cb) => {
    try {
      const data = snappyDecode(buf.subarray(0, buf.length - 4));
      if (!crcTrailer(data).equals(buf.subarray(buf.length - 4))) throw new Error('snappy CRC');
      cb(null, data);
    } catch (err) {
      cb(err);
    }
  },
};
const encodeCodecs = {
  zstandard: viaZstd([]),
  null: (buf, cb) => cb(null, buf),
  deflate: zlib.deflateRaw,
  snappy: (buf, cb) => cb(null, Buffer.concat([snappyEncodeLiterals(buf), crcTrailer(buf)])),
};

// ---- JSON with 64-bit integers ----

// JSON.parse loses integer digits past 2^53; this parser returns every integer as a BigInt.
function parseJsonBig(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const expect = (c) => {
    ws();
    if (text[i] !== c) throw new Error(`expected ${c} at ${i} in ${text}`);
    i++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
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
        const key = string();
        expect(':');
        obj[key] = value();
        ws();
        if (text[i++] === '}') return obj;
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
        if (text[i++] === ']') return arr;
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const re = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Error(`bad JSON at ${i}: ${text}`);
    i = re.lastIndex;
    return m[1] || m[2] ? Number(m[0]) : BigInt(m[0]);
  };
  return value();
}

// Makes values from avsc and from floe's JSON dump comparable: integers as BigInt, bytes as the
// one-code-point-per-byte strings of the dump, records as plain objects.
function norm(v) {
  if (v === null || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') {
    return v;
  }
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  if (Array.isArray(v)) return v.map(norm);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
}

// ---- the sample avro_tool writes (kept in step with SampleRow in tests/tools/avro_tool.cc) ----

const BIG = 2n ** 53n + 1n;
function sampleRow(i) {
  const props = {};
  if (i % 2 === 0) props.big = BIG * BigInt(i + 1);
  props.neg = -BIG - BigInt(i);
  return {
    id: i === 4 ? -(2n ** 63n) : BIG + BigInt(i * 1000),
    flag: i % 2 === 1,
    count: i === 3 ? -2147483648 : i * -7,
    ratio: 0.5 + i,
    score: -1.25 * (i + 1),
    name: i % 2 === 0 ? null : `name ${i}`,
    payload: Buffer.from([0x00, 0x7f, 0x80, 0xff, i]),
    hash: Buffer.from([0xde, 0xad, 0xbe, i]),
    tags: Array.from({ length: i % 3 }, (_, t) => `t${t}é`),
    props,
    maybe_ids: i % 3 === 0 ? null : [2n ** 63n - 1n, BigInt(i), -BIG],
    kind: ['A', 'B', 'C'][i % 3],
    ts: 1700000000000000n + BigInt(i),
    point: { x: i, y: i === 2 ? null : i + 0.25 },
  };
}
const sampleRows = Array.from({ length: 5 }, (_, i) => sampleRow(i));
const sampleFieldIds = {
  id: 1, flag: 2, count: 3, ratio: 4, score: 5, name: 6, payload: 7, hash: 8, tags: 9,
  props: 11, maybe_ids: 14, kind: 16, ts: 17, point: 18,
};

function decodeWithAvsc(file) {
  return new Promise((resolve, reject) => {
    const records = [];
    let header;
    let codec;
    avro
      .createFileDecoder(file, { codecs: decodeCodecs, parseHook: typeOf })
      .on('metadata', (type, c, h) => {
        codec = c;
        header = h;
      })
      .on('data', (r) => records.push(r))
      .on('error', reject)
      .on('end', () => resolve({ records, header, codec }));
  });
}

function runTool(...args) {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'floe-avro-interop-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

for (const codec of ['null', 'deflate', 'snappy', 'zstandard']) {
  const codecSkip = skip || (codec === 'zstandard' && !zstdCli ? 'no zstd command' : false);

  test(`avsc reads what floe writes (${codec})`, { skip: codecSkip }, async () => {
    const file = path.join(tmp, `floe-${codec}.avro`);
    runTool('write-sample', file, codec);
    const { records, header, codec: seen } = await decodeWithAvsc(file);
    assert.equal(seen, codec);
    assert.deepEqual(norm(records), norm(sampleRows));
    assert.equal(header.meta['format-version'].toString(), '2');
    // The writer schema avsc sees still carries Iceberg's ids.
    const schema = JSON.parse(header.meta['avro.schema'].toString());
    const ids = Object.fromEntries(schema.fields.map((f) => [f.name, f['field-id']]));
    assert.deepEqual(ids, sampleFieldIds);
    const field = (name) => schema.fields.find((f) => f.name === name);
    assert.equal(field('tags').type['element-id'], 10);
    assert.equal(field('props').type['key-id'], 12);
    assert.equal(field('props').type['value-id'], 13);
    assert.equal(field('maybe_ids').type[1]['element-id'], 15);
    assert.equal(field('ts').type.logicalType, 'timestamp-micros');
    assert.deepEqual(field('point').type.fields.map((f) => f['field-id']), [19, 20]);
    // floe's own dump agrees.
    const dumped = runTool('dump', file).trim().split('\n').map(parseJsonBig);
    assert.deepEqual(norm(dumped), norm(sampleRows));
  });

  test(`floe reads what avsc writes (${codec})`, { skip: codecSkip }, async () => {
    const schema = {
      type: 'record',
      name: 'from_avsc',
      fields: [
        { name: 'id', type: 'long', 'field-id': 1 },
        { name: 'label', type: ['null', 'string'], default: null, 'field-id': 2 },
        { name: 'blob', type: 'bytes', 'field-id': 3 },
        { name: 'ids', type: { type: 'array', items: 'long', 'element-id': 5 }, 'field-id': 4 },
        { name: 'counts', type: { type: 'map', values: 'int', 'key-id': 7, 'value-id': 8 },
          'field-id': 6 },
        { name: 'digest', type: { type: 'fixed', name: 'digest2', size: 2 }, 'field-id': 9 },
        { name: 'ratio', type: ['null', 'double'], default: null, 'field-id': 10 },
      ],
    };
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: i % 2 ? -(BIG * BigInt(i)) : BIG * BigInt(i),
      label: i % 4 === 0 ? null : `label ${i} ✓`,
      blob: Buffer.from([i & 0xff, 0, 0xff]),
      ids: Array.from({ length: i % 5 }, (_, k) => BigInt(k) - 2n ** 62n),
      counts: i % 3 ? { a: i, b: -i } : {},
      digest: Buffer.from([i & 0xff, 0x80]),
      ratio: i % 7 === 0 ? null : i / 8,
    }));
    const file = path.join(tmp, `avsc-${codec}.avro`);
    // Given the schema object, avsc writes it (attributes included) into the header; the type it
    // encodes with is swapped for one whose longs are BigInt.
    const encoder = new avro.streams.BlockEncoder(schema, {
      codec,
      codecs: encodeCodecs,
      blockSize: 1024,
      metadata: { 'format-version': Buffer.from('2') },
    });
    encoder._type = typeOf(schema);
    const out = fs.createWriteStream(file);
    encoder.pipe(out);
    for (const row of rows) encoder.write(row);
    encoder.end();
    await once(out, 'close');

    const dumped = runTool('dump', file).trim().split('\n').map(parseJsonBig);
    assert.equal(dumped.length, rows.length);
    assert.deepEqual(norm(dumped), norm(rows));
    const header = JSON.parse(runTool('header', file));
    assert.equal(header.metadata['avro.codec'], codec);
    assert.equal(header.metadata['format-version'], '2');
    assert.deepEqual(header.field_ids, { id: 1, label: 2, blob: 3, ids: 4, counts: 6, digest: 9,
      ratio: 10 });
  });
}
