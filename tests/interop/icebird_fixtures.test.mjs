// icebird 0.3.1, an Iceberg reader floe did not write, reads the tables other engines wrote
// ($FLOE_FIXTURES/icebird-test-files, see SOURCES.txt there) from the local disk, with their
// s3:// and s3a:// locations mapped to the local folder; and the local fetch it reads through
// (lib/icebird_local.mjs) answers GET, HEAD and Range requests as an object store does.
//
// LIVE_ROWS is the live row count of each table's last metadata version: floe's own reader must
// give the same counts. The values checked per table show how icebird hands them over (long as
// BigInt, date as a Date at 00:00 UTC, decimal as a double, a column added later as undefined).
//
// Run: FLOE_FIXTURES=/work/shared/fixtures node --test icebird_fixtures.test.mjs (tests/interop)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeLocalFetch, readIcebergTable } from './lib/icebird_local.mjs';

const fixtures = process.env.FLOE_FIXTURES;
const root = fixtures ? path.join(fixtures, 'icebird-test-files', 'hyperparam-iceberg') : '';
const skip = !fixtures
  ? 'FLOE_FIXTURES is not set'
  : !fs.existsSync(root)
    ? `no fixture tables at ${root}`
    : false;

// Every location in these tables starts with s3a://hyperparam-iceberg/ or s3://hyperparam-iceberg/.
const prefixMap = { 's3://hyperparam-iceberg/': root };

// table → [metadata file of its last version, live rows].
const LIVE_ROWS = {
  'spark/bunnies': ['v5.metadata.json', 20],
  'java/bunnies': ['v5.metadata.json', 15],
  'spark/rename_column': ['v3.metadata.json', 4],
  'athena/example': ['00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json', 2],
};

const metadataFile = (table, file = LIVE_ROWS[table][0]) =>
  path.join(root, table, 'metadata', file);

const byKey = (rows, key) => new Map(rows.map((r) => [r[key], r]));

for (const [table, [file, liveRows]] of Object.entries(LIVE_ROWS)) {
  test(`icebird reads ${liveRows} live rows from ${table} (${file})`, { skip }, async () => {
    const { rows } = await readIcebergTable(metadataFile(table), { prefixMap });
    assert.equal(rows.length, liveRows);
  });
}

test('spark/bunnies: a position delete and an added column', { skip }, async () => {
  const { rows, schema } = await readIcebergTable(metadataFile('spark/bunnies'), { prefixMap });
  assert.equal(schema.fields.at(-1).name, 'breed_name_length');
  const bunnies = byKey(rows, 'Breed Name');
  assert.equal(bunnies.size, 20);
  // v3's position delete removed Holland Lop (row 0 of v1's data file) before v5 rewrote the table.
  assert.equal(bunnies.has('Holland Lop'), false);
  const dwarf = bunnies.get('Netherland Dwarf');
  assert.deepEqual(dwarf, {
    'Breed Name': 'Netherland Dwarf',
    'Average Weight': 0.9,
    'Fur Length': 2.5,
    Lifespan: 10n,
    'Origin Country': 'Netherlands',
    'Ear Type': 'Erect',
    Temperament: 'Shy',
    'Popularity Rank': 2n,
    breed_name_length: 16,
  });
  // v5 rewrote every row, so the added column has a value everywhere.
  for (const row of rows) assert.equal(row.breed_name_length, row['Breed Name'].length);
});

test('java/bunnies: 6 position deletes, an equality delete, a re-added row', { skip }, async () => {
  const { rows } = await readIcebergTable(metadataFile('java/bunnies'), { prefixMap });
  const bunnies = byKey(rows, 'Breed Name');
  const deleted = ['Flemish Giant', 'English Lop', 'Rex', 'Mini Lop', 'Lionhead', 'French Angora'];
  for (const gone of deleted) {
    assert.equal(bunnies.has(gone), false, gone);
  }
  // The equality delete (Breed Name = New Zealand) removed the old row; v5 added the new one.
  assert.equal(rows.filter((r) => r['Breed Name'] === 'New Zealand').length, 1);
  const nz = bunnies.get('New Zealand');
  assert.equal(nz['Popularity Rank'], 0n);
  assert.equal(nz.__happy__, true);
  // Rows from the data file written before __happy__ existed lack it: icebird gives undefined.
  const holland = bunnies.get('Holland Lop');
  assert.equal(holland.__happy__, undefined);
  assert.equal(holland.Lifespan, 7n);
  assert.equal(holland['Average Weight'], 1.8);
});

test('java/bunnies: earlier versions (time travel by metadata file)', { skip }, async () => {
  const counts = {};
  for (const v of [1, 2, 3, 4, 5]) {
    const file = metadataFile('java/bunnies', `v${v}.metadata.json`);
    counts[v] = (await readIcebergTable(file, { prefixMap })).rows.length;
  }
  // v1 has no snapshot; v3 only added the column; v4 deleted 6 rows; v5 replaced one.
  assert.deepEqual(counts, { 1: 0, 2: 21, 3: 21, 4: 15, 5: 15 });
});

test('spark/rename_column: partitioned, a renamed column read by field id', { skip }, async () => {
  const { rows, schema } = await readIcebergTable(metadataFile('spark/rename_column'), {
    prefixMap,
  });
  // The data files call field 3 'date' (their iceberg.schema); the table now calls it event_date.
  assert.deepEqual(
    schema.fields.map((f) => f.name),
    ['id', 'name', 'event_date', 'price', 'active'],
  );
  const byId = byKey(rows, 'id');
  assert.deepEqual([...byId.keys()].sort(), [1, 2, 3, 4]);
  assert.deepEqual(byId.get(1), {
    id: 1,
    name: 'Flopsy 🐇',
    event_date: new Date('2022-01-01T00:00:00Z'),
    price: 9.99,
    active: true,
  });
  assert.equal(byId.get(2).name, 'Mopsy–Naïve');
  assert.equal(byId.get(2).price, -5);
  assert.equal(byId.get(3).event_date, null); // the date=null partition
  assert.equal(byId.get(3).price, 0);
  assert.deepEqual(byId.get(4).event_date, new Date('2022-01-02T00:00:00Z'));
  assert.equal(byId.get(4).price, 99999999.99); // decimal(10,2) as a double
  for (const row of rows) assert.equal('date' in row, false);
});

test('athena/example: no version hint, s3:// paths, no iceberg.schema', { skip }, async () => {
  // Addressed by its location, to check the s3:// → local mapping of the metadata file itself.
  const location =
    's3://hyperparam-iceberg/athena/example/metadata/' + LIVE_ROWS['athena/example'][0];
  const { rows } = await readIcebergTable(location, { prefixMap, columns: ['name', 'id'] });
  assert.deepEqual(
    rows.sort((a, b) => a.id - b.id),
    [
      { name: 'Alice', id: 1 },
      { name: 'Bob', id: 2 },
    ],
  );
});

test('a location outside the prefix map is refused, not fetched from S3', { skip }, async () => {
  await assert.rejects(
    readIcebergTable(metadataFile('spark/bunnies'), {}),
    /no local mapping for https:\/\/hyperparam-iceberg\.s3\.amazonaws\.com\//,
  );
  assert.notEqual(globalThis.fetch.name, 'dispatchingFetch', 'the global fetch is restored');
});

test('the local fetch answers GET, HEAD, Range and 404 like an object store', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floe-icebird-fetch-'));
  try {
    fs.mkdirSync(path.join(dir, 'a b'));
    const file = path.join(dir, 'a b', 'x=1.bin');
    fs.writeFileSync(file, Buffer.from('0123456789'));
    const localFetch = makeLocalFetch({ prefixMap: { 's3a://bucket/wh/': dir } });
    const text = async (res) => Buffer.from(await res.arrayBuffer()).toString();

    // The same object by path, file: URL, and the three spellings of its S3 location.
    for (const url of [
      file,
      pathToFileURL(file).href,
      's3://bucket/wh/a b/x=1.bin',
      's3a://bucket/wh/a b/x=1.bin',
      'https://bucket.s3.amazonaws.com/wh/a b/x=1.bin',
      'https://s3.amazonaws.com/bucket/wh/a b/x=1.bin',
    ]) {
      const res = await localFetch(url);
      assert.equal(res.status, 200, url);
      assert.equal(await text(res), '0123456789', url);
    }

    const head = await localFetch(file, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '10');
    assert.equal(head.body, null);

    const range = async (spec) => {
      const res = await localFetch(file, { headers: { Range: spec } });
      return [res.status, res.headers.get('content-range'), await text(res)];
    };
    assert.deepEqual(await range('bytes=2-4'), [206, 'bytes 2-4/10', '234']);
    assert.deepEqual(await range('bytes=7-'), [206, 'bytes 7-9/10', '789']);
    assert.deepEqual(await range('bytes=-3'), [206, 'bytes 7-9/10', '789']);
    assert.deepEqual(await range('bytes=8-100'), [206, 'bytes 8-9/10', '89']);
    assert.deepEqual(await range('bytes=-100'), [206, 'bytes 0-9/10', '0123456789']);
    assert.equal((await localFetch(file, { headers: { Range: 'bytes=10-' } })).status, 416);

    assert.equal((await localFetch(path.join(dir, 'missing'))).status, 404);
    assert.equal((await localFetch('s3://bucket/wh/missing')).status, 404);
    await assert.rejects(localFetch('s3://other-bucket/x'), TypeError);
    await assert.rejects(localFetch('https://example.com/x'), TypeError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
