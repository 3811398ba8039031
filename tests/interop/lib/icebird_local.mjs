// icebird (npm, 0.3.1) as an independent reader of Iceberg tables on the local filesystem.
//
// icebird reads everything through the global `fetch` (it takes no fetch option; hyparquet's
// asyncBufferFromUrl, which it calls, uses globalThis.fetch too), and before fetching it rewrites
// `s3://bucket/key` and `s3a://bucket/key` to `https://bucket.s3.amazonaws.com/key`. So a read
// runs with globalThis.fetch replaced by `localFetch`, which serves local files for:
//   - absolute paths (`/tmp/t/data/a.parquet`) and `file:` URLs, and
//   - any URL under a prefix of the caller's `prefixMap` ({'s3://bucket/path/': '/local/dir/'}).
//     Keys are compared after s3a:// → s3:// and https://bucket.s3.amazonaws.com/key (or
//     https://s3.amazonaws.com/bucket/key) → s3://bucket/key, so one key `s3://b/` covers all
//     three spellings. The longest matching key wins; keys are plain string prefixes.
// Anything else (a real network URL) is refused with a TypeError, so a test never reaches S3.
// The replacement is scoped with AsyncLocalStorage: concurrent reads with different prefix maps
// do not see each other's map, and fetch calls outside a read go to the original fetch.
//
// localFetch answers GET (200), HEAD (content-length, no body), `Range: bytes=a-b`, `bytes=a-`
// and `bytes=-n` (206 with Content-Range; 416 when unsatisfiable) and 404 for missing files.
//
// How icebird 0.3.1 (with hyparquet 1.19.0) gives Iceberg values in JS rows:
//   boolean → boolean; int → number; long → BigInt; float, double → number;
//   decimal(P,S) → number (a double: unscaled * 10**-S, so digits beyond ~15 are lost and e.g.
//     decimal(9,1) 0.3 comes back as 0.30000000000000004);
//   date → Date at 00:00 UTC; timestamp, timestamptz (micros) → Date, truncated to milliseconds
//     (truncated toward zero, so pre-1970 values round up); timestamp_ns → Date (ms);
//   time (micros) → BigInt (no conversion); string → string;
//   binary → string (!): hyparquet decodes every un-annotated BYTE_ARRAY as UTF-8, so non-UTF-8
//     bytes become U+FFFD; fixed(L) and uuid → Uint8Array (uuid is not formatted);
//   struct → object keyed by Parquet field names; list → array;
//     map → object with the map's keys as property names (so an int key 10 becomes '10');
//   null → null; a column missing from an older data file (added later) → undefined.
// Columns are found by NAME, never by Parquet field_id: for each top-level field id icebird takes
// the name from the data file's 'iceberg.schema' key-value metadata (without it, from the
// current schema), Avro-sanitizes it ('Breed Name' → 'Breed_x20Name', '1a' → '_1a'), and reads
// the Parquet column of that name. A column not found that way comes back undefined, silently.
// Nested fields go by Parquet name only.

import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { icebergMetadata, icebergRead } from 'icebird';

// --- URL → local path -------------------------------------------------------------------------

// The canonical spelling of a location: s3a:// and the two amazonaws.com forms become s3://.
export function canonicalLocation(url) {
  if (url.startsWith('s3a://')) return 's3://' + url.slice('s3a://'.length);
  let m = /^https?:\/\/([^/]+)\.s3\.amazonaws\.com\/(.*)$/s.exec(url);
  if (m) return `s3://${m[1]}/${m[2]}`;
  m = /^https?:\/\/s3\.amazonaws\.com\/([^/]+)\/(.*)$/s.exec(url);
  if (m) return `s3://${m[1]}/${m[2]}`;
  return url;
}

function normalizePrefixMap(prefixMap) {
  const entries = prefixMap instanceof Map ? [...prefixMap] : Object.entries(prefixMap ?? {});
  return entries
    .map(([prefix, dir]) => [canonicalLocation(String(prefix)), path.resolve(String(dir))])
    .sort((a, b) => b[0].length - a[0].length);
}

// The local file a URL names, or undefined when it names none (a network URL with no mapping).
// Keys under a mapped prefix are used as written (no percent-decoding): Iceberg stores object
// keys verbatim, and Hive-style partition folders may contain a literal '%'.
export function localPathFor(url, prefixMap) {
  const canonical = canonicalLocation(url);
  for (const [prefix, dir] of normalizePrefixMap(prefixMap)) {
    if (canonical.startsWith(prefix)) {
      const rest = canonical.slice(prefix.length).replace(/^\/+/, '');
      return path.join(dir, rest);
    }
  }
  if (url.startsWith('file:')) return fileURLToPath(url);
  if (url.startsWith('/')) return url;
  return undefined;
}

// --- fetch over local files -------------------------------------------------------------------

// Parses a Range header against a file of `size` bytes: {start, end} (end exclusive), null when
// absent, or 'unsatisfiable'.
function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  let start;
  let end;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1);
    if (start >= size || end <= start) return 'unsatisfiable';
  }
  return { start, end };
}

async function readBytes(file, start, end) {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buf.subarray(0, done);
  } finally {
    await handle.close();
  }
}

// A `fetch` (same signature) serving local files for the URLs localPathFor maps: answers
// 200/206/404/405/416 Responses, and throws TypeError (as fetch does on a network error) for
// URLs it cannot map.
export function makeLocalFetch({ prefixMap } = {}) {
  return async function localFetch(input, init = {}) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : {}));
    const file = localPathFor(url, prefixMap);
    if (file === undefined) {
      throw new TypeError(`icebird_local: no local mapping for ${url} (add it to prefixMap)`);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return new Response(null, { status: 405, statusText: 'Method Not Allowed' });
    }
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (err) {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') {
        return new Response(null, { status: 404, statusText: `Not Found: ${file}` });
      }
      throw err;
    }
    if (!stat.isFile()) {
      return new Response(null, { status: 404, statusText: `Not a file: ${file}` });
    }
    const size = stat.size;
    const range = parseRange(headers.get('range'), size);
    if (range === 'unsatisfiable') {
      return new Response(null, {
        status: 416,
        statusText: 'Range Not Satisfiable',
        headers: { 'content-range': `bytes */${size}` },
      });
    }
    const { start, end } = range ?? { start: 0, end: size };
    const responseHeaders = {
      'content-length': String(end - start),
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    if (range) responseHeaders['content-range'] = `bytes ${start}-${end - 1}/${size}`;
    const status = range ? 206 : 200;
    const statusText = range ? 'Partial Content' : 'OK';
    if (method === 'HEAD') {
      return new Response(null, { status, statusText, headers: responseHeaders });
    }
    const body = await readBytes(file, start, end);
    return new Response(body, { status, statusText, headers: responseHeaders });
  };
}

// --- scoping the global fetch -----------------------------------------------------------------

const scope = new AsyncLocalStorage();
let originalFetch;
let active = 0;

function dispatchingFetch(input, init) {
  const local = scope.getStore();
  return local ? local(input, init) : originalFetch(input, init);
}

// Runs `fn` with globalThis.fetch serving local files as makeLocalFetch({prefixMap}) does, for
// every fetch made in fn's async context; restores the original fetch when no run is left.
export async function withLocalFetch({ prefixMap } = {}, fn) {
  if (active++ === 0) {
    originalFetch = globalThis.fetch;
    globalThis.fetch = dispatchingFetch;
  }
  try {
    return await scope.run(makeLocalFetch({ prefixMap }), fn);
  } finally {
    if (--active === 0) globalThis.fetch = originalFetch;
  }
}

// --- reading a table --------------------------------------------------------------------------

function hasCurrentSnapshot(metadata) {
  const id = metadata['current-snapshot-id'];
  return id !== undefined && id !== null && id !== -1;
}

// Reads every live row of the table whose metadata file is `metadataPath` (a local path, a
// file: URL, or an s3/s3a/https location under a prefixMap key).
//   prefixMap: {location prefix: local dir}, for the absolute paths inside the metadata,
//              manifest lists and manifests (see the top of this file).
//   columns:   optional list of column names to keep (current schema names); default all.
// Returns {rows, schema, metadata}: rows as icebird gives them (value types above), schema the
// current Iceberg schema (JSON object), metadata the parsed table metadata. A table with no
// current snapshot, or whose snapshot has no live data file, gives rows = [] (icebird throws).
// Note: icebird parses metadata with JSON.parse, so snapshot ids in `metadata` are doubles.
export async function readIcebergTable(metadataPath, { prefixMap, columns } = {}) {
  return withLocalFetch({ prefixMap }, async () => {
    // icebird finds a metadata file as `${tableUrl}/metadata/${metadataFileName}`.
    let tableUrl;
    let metadataFileName;
    if (/^[a-z][a-z0-9+.-]*:/i.test(metadataPath)) {
      const cut = metadataPath.lastIndexOf('/');
      const dir = metadataPath.slice(0, cut);
      if (!dir.endsWith('/metadata')) {
        throw new Error(`icebird_local: ${metadataPath} is not in a 'metadata' folder`);
      }
      tableUrl = dir.slice(0, -'/metadata'.length);
      metadataFileName = metadataPath.slice(cut + 1);
    } else {
      const abs = path.resolve(metadataPath);
      if (path.basename(path.dirname(abs)) !== 'metadata') {
        throw new Error(`icebird_local: ${abs} is not in a 'metadata' folder`);
      }
      tableUrl = pathToFileURL(path.dirname(path.dirname(abs))).href;
      metadataFileName = encodeURIComponent(path.basename(abs));
    }
    const metadata = await icebergMetadata({ tableUrl, metadataFileName });
    const schema = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id']);
    if (!schema) throw new Error('icebird_local: current schema not found in metadata');
    if (columns) {
      const names = new Set(schema.fields.map((f) => f.name));
      const unknown = columns.filter((c) => !names.has(c));
      if (unknown.length) throw new Error(`icebird_local: no column(s) ${unknown.join(', ')}`);
    }
    let rows = [];
    if (hasCurrentSnapshot(metadata)) {
      try {
        rows = await icebergRead({ tableUrl, metadata });
      } catch (err) {
        if (!/No data manifest files found/.test(err.message)) throw err;
      }
    }
    if (columns) rows = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
    return { rows, schema, metadata };
  });
}

// A JSON-safe copy of an icebird value: BigInt → decimal string, Date → ISO string,
// Uint8Array → hex string, undefined → null; arrays and objects recursively.
export function jsonSafe(value) {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (ArrayBuffer.isView(value)) return Array.from(value, jsonSafe);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}
