/**
 * Writes the OpenAPI document (functions/api/openapi.ts) as JSON, for `redocly lint` and for
 * anyone who wants the file: `tsx scripts/openapi-write.ts [out]` (default .cache/openapi.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from '../functions/api/openapi.ts';

const out = resolve(process.argv[2] ?? '.cache/openapi.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${out}`);
