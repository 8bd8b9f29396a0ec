/**
 * Writes the OpenAPI document (functions/api/openapi.ts) as JSON: `tsx scripts/openapi-write.ts
 * [out]`, by default beside the API code (functions/api/openapi.json), which serves it at
 * GET /v1/openapi.json; `npm run openapi:lint` writes a copy for `redocly lint`.
 */
import { resolve } from 'node:path';
import { writeOpenApiDocument } from '../functions/api/openapi.ts';

const out = writeOpenApiDocument(process.argv[2] ? resolve(process.argv[2]) : undefined);
console.log(`wrote ${out}`);
