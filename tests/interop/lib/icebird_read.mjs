#!/usr/bin/env node
// Prints the live rows of an Iceberg table as icebird reads them, one JSON object per line
// (BigInt as a decimal string, Date as an ISO string, bytes as hex; see jsonSafe).
//
// Usage: node lib/icebird_read.mjs <metadata.json> [--map PREFIX=DIR]... [--columns a,b] [--count]
//   --map PREFIX=DIR  serve locations under PREFIX (s3://, s3a://, https://, file:) from DIR;
//                     split at the last '=', so DIR must not contain one.
//   --columns a,b     print only these columns (current schema names).
//   --count           print only the number of live rows.
// Example (from tests/interop):
//   node lib/icebird_read.mjs $F/hyperparam-iceberg/spark/bunnies/metadata/v5.metadata.json \
//     --map s3://hyperparam-iceberg/=$F/hyperparam-iceberg
import { jsonSafe, readIcebergTable } from './icebird_local.mjs';

function usage(message) {
  if (message) console.error(`icebird_read: ${message}`);
  console.error(
    'usage: node lib/icebird_read.mjs <metadata.json> [--map PREFIX=DIR]... ' +
      '[--columns a,b] [--count]',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const prefixMap = {};
let metadataPath;
let columns;
let countOnly = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--map') {
    const spec = args[++i] ?? usage('--map needs PREFIX=DIR');
    const cut = spec.lastIndexOf('=');
    if (cut <= 0) usage(`bad --map ${spec}`);
    prefixMap[spec.slice(0, cut)] = spec.slice(cut + 1);
  } else if (arg === '--columns') {
    columns = (args[++i] ?? usage('--columns needs a list')).split(',');
  } else if (arg === '--count') {
    countOnly = true;
  } else if (arg === '-h' || arg === '--help') {
    usage();
  } else if (arg.startsWith('--') || metadataPath) {
    usage(`unexpected argument ${arg}`);
  } else {
    metadataPath = arg;
  }
}
if (!metadataPath) usage('missing metadata file');

try {
  const { rows } = await readIcebergTable(metadataPath, { prefixMap, columns });
  if (countOnly) {
    console.log(rows.length);
  } else {
    for (const row of rows) console.log(JSON.stringify(jsonSafe(row)));
  }
} catch (err) {
  console.error(`icebird_read: ${err.message}`);
  process.exit(1);
}
