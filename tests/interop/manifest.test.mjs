// Manifests and manifest lists checked by avsc 5.7.9, an Avro reader floe did not write.
//
// `manifest_tool write-sample DIR` writes a v2 data manifest and its manifest list (deflate);
// avsc must decode every record with the expected values (64-bit longs as BigInt), find the
// spec's field ids on every field, list element and map key/value in the writer schemas, and
// the Iceberg header keys.
//
// Run: FLOE_BUILD_DIR=/path/to/build node --test   (from tests/interop)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import avro from 'avsc';

const buildDir = process.env.FLOE_BUILD_DIR;
const tool = buildDir ? path.join(buildDir, 'tests', 'manifest_tool') : '';
const skip =
  !tool || !fs.existsSync(tool) ? `manifest_tool not found (FLOE_BUILD_DIR=${buildDir})` : false;

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

function decode(file) {
  return new Promise((resolve, reject) => {
    const records = [];
    let header;
    avro
      .createFileDecoder(file, { parseHook: typeOf })
      .on('metadata', (type, codec, h) => {
        header = h;
      })
      .on('data', (r) => records.push(r))
      .on('error', reject)
      .on('end', () => resolve({ records, header }));
  });
}

// Every id attribute of a schema, by dotted path, as in tests/iceberg/manifest_test.cc.
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
  }
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'floe-manifest-interop-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

test('avsc reads the manifest floe writes', { skip }, async () => {
  execFileSync(tool, ['write-sample', tmp]);
  const { records, header } = await decode(path.join(tmp, 'manifest.avro'));
  const meta = (k) => header.meta[k]?.toString();
  assert.equal(meta('format-version'), '2');
  assert.equal(meta('content'), 'data');
  assert.equal(meta('partition-spec-id'), '0');
  assert.equal(meta('schema-id'), '0');
  assert.equal(JSON.parse(meta('schema')).fields.length, 2);
  assert.deepEqual(JSON.parse(meta('partition-spec')), [
    { name: 'name', transform: 'identity', 'source-id': 2, 'field-id': 1000 },
  ]);
  const ids = collectIds(JSON.parse(meta('avro.schema')), '', {});
  const expected = {
    status: 0, snapshot_id: 1, sequence_number: 3, file_sequence_number: 4, data_file: 2,
    'data_file.content': 134, 'data_file.file_path': 100, 'data_file.file_format': 101,
    'data_file.partition': 102, 'data_file.partition.name': 1000, 'data_file.record_count': 103,
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
    'data_file.sort_order_id': 140, 'data_file.referenced_data_file': 143,
  };
  assert.deepEqual(ids, expected);

  assert.equal(records.length, 1);
  const e = records[0];
  assert.equal(e.status, 1);
  assert.equal(e.snapshot_id, 3051729675574597004n);
  assert.equal(e.sequence_number, null);
  assert.equal(e.file_sequence_number, null);
  const f = e.data_file;
  assert.equal(f.content, 0);
  assert.equal(f.file_path, 's3://bucket/t/data/name=a/00000.parquet');
  assert.equal(f.file_format, 'PARQUET');
  assert.equal(f.partition.name, 'a');
  assert.equal(f.record_count, 10n);
  assert.equal(f.file_size_in_bytes, 1234n);
  assert.deepEqual(f.column_sizes.map((kv) => [kv.key, kv.value]), [[1, 80n], [2, 40n]]);
  assert.deepEqual(f.null_value_counts.map((kv) => [kv.key, kv.value]), [[1, 0n], [2, 1n]]);
  assert.deepEqual([...f.lower_bounds[0].value], [1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...f.upper_bounds[0].value], [10, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(f.split_offsets, [4n]);
  assert.equal(f.sort_order_id, 0);
  assert.equal(f.equality_ids, null);
});

test('avsc reads the manifest list floe writes', { skip }, async () => {
  execFileSync(tool, ['write-sample', tmp]);
  const { records, header } = await decode(path.join(tmp, 'manifest-list.avro'));
  const meta = (k) => header.meta[k]?.toString();
  assert.equal(meta('format-version'), '2');
  assert.equal(meta('snapshot-id'), '3051729675574597004');
  assert.equal(meta('sequence-number'), '1');
  assert.ok('parent-snapshot-id' in header.meta);
  const ids = collectIds(JSON.parse(meta('avro.schema')), '', {});
  assert.deepEqual(ids, {
    manifest_path: 500, manifest_length: 501, partition_spec_id: 502, content: 517,
    sequence_number: 515, min_sequence_number: 516, added_snapshot_id: 503,
    added_files_count: 504, existing_files_count: 505, deleted_files_count: 506,
    added_rows_count: 512, existing_rows_count: 513, deleted_rows_count: 514, partitions: 507,
    'partitions.element': 508, 'partitions.contains_null': 509, 'partitions.contains_nan': 518,
    'partitions.lower_bound': 510, 'partitions.upper_bound': 511, key_metadata: 519,
  });
  assert.equal(records.length, 1);
  const m = records[0];
  const manifestSize = fs.statSync(path.join(tmp, 'manifest.avro')).size;
  assert.equal(m.manifest_path, 's3://bucket/t/metadata/manifest.avro');
  assert.equal(m.manifest_length, BigInt(manifestSize));
  assert.equal(m.content, 0);
  assert.equal(m.sequence_number, 1n);  // assigned by the list writer
  assert.equal(m.min_sequence_number, 1n);
  assert.equal(m.added_snapshot_id, 3051729675574597004n);
  assert.equal(m.added_files_count, 1);
  assert.equal(m.added_rows_count, 10n);
  assert.equal(m.partitions.length, 1);
  assert.equal(m.partitions[0].contains_null, false);
  assert.equal(m.partitions[0].contains_nan, false);
  assert.equal(m.partitions[0].lower_bound.toString(), 'a');
  assert.equal(m.partitions[0].upper_bound.toString(), 'a');
});
