#!/usr/bin/env node
// Fetches DynamoDB Local (DynamoDBLocal.jar 1.25.1 and its libraries) from the npm registry:
// the jar ships in the `emulator/` folder of the package `amplify-dynamodb-simulator`.
// Only that tarball is downloaded (`npm pack`), none of the package's own dependencies,
// and its integrity is checked against the pinned value below.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const target = join(root, '.cache', 'dynamodb-local');
const jar = join(target, 'DynamoDBLocal.jar');

if (existsSync(jar)) {
  if (process.argv.includes('--verbose')) console.log(`DynamoDB Local already at ${target}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'ddb-local-'));
try {
  const out = execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', work], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  if (info.integrity !== INTEGRITY) {
    throw new Error(`integrity mismatch for ${PACKAGE}: got ${info.integrity}`);
  }
  execFileSync('tar', ['xzf', join(work, info.filename), '-C', work, 'package/emulator'], {
    stdio: 'inherit',
  });
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(join(work, 'package', 'emulator'), target);
  console.log(`DynamoDB Local installed at ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
