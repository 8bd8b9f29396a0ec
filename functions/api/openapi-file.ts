/**
 * The OpenAPI document as the build wrote it, served at GET /v1/openapi.json. openapi.ts
 * generates it (zod-to-openapi); the generator is no part of any Lambda bundle. The file sits
 * beside the code that reads it: next to `index.mjs` in the Lambda asset (the CDK build writes
 * it there, infra/stack.ts), next to this module in the source tree (written by
 * `npm run openapi:write`, the local gateway at start and the test setup; not committed).
 */
import { readFile } from 'node:fs/promises';

/** The document's file name, beside the bundle (AWS) or this module (source tree). */
export const OPENAPI_FILE = 'openapi.json';

let memo: Promise<unknown> | undefined;

/** The generated document, read once per process. */
export function servedOpenApiDocument(): Promise<unknown> {
  memo ??= readFile(new URL(OPENAPI_FILE, import.meta.url), 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    (err: unknown) => {
      memo = undefined;
      throw new Error(
        `${OPENAPI_FILE} is missing beside the API code: the build writes it (npm run openapi:write)`,
        {
          cause: err,
        },
      );
    },
  );
  return memo;
}
