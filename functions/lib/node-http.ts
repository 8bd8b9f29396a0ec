/**
 * What the bundled libraries take from `node:http`, loaded as CommonJS. The bundles alias
 * `node:http` to this module (`BUNDLE_ALIASES` in infra/constructs/one-list-function.ts): an ES import
 * of `node:http` makes Node.js build the module's ES facade, which reads every export and so loads
 * the bundled undici behind `http`'s lazy getters (and with it `zlib`): about
 * 20 ms of every cold start, measured, for the status texts of `@middy/util`. `require` reads
 * only what is asked for.
 */
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export const STATUS_CODES: typeof import('node:http').STATUS_CODES = http.STATUS_CODES;

/** For a bundled library that takes the whole module (`@smithy/*`, when the SDK is bundled in). */
export default http;
