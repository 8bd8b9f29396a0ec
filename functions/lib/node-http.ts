/**
 * What the bundled libraries take from `node:http`, read from the built-in module itself. The
 * bundles alias `node:http` to this module (`BUNDLE_ALIASES` in infra/constructs/one-list-function.ts):
 * an ES import of `node:http` makes Node.js build the module's ES facade, which reads every export
 * and so runs `http`'s lazy getters, which load undici (and with it `zlib`): about 20 ms of every
 * cold start, measured, for the status texts of `@middy/util`. `process.getBuiltinModule` reads
 * only what is asked for.
 */
const http = process.getBuiltinModule('node:http');

export const STATUS_CODES: typeof http.STATUS_CODES = http.STATUS_CODES;

/** For a bundled library that takes the whole module (`@smithy/*`, when the SDK is bundled in). */
export default http;
