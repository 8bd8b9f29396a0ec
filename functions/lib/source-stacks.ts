/**
 * Stack traces in source terms, with the source map read at the first stack a process formats
 * instead of at its cold start.
 *
 * Node.js's `--enable-source-maps` reads and parses a bundle's map when it loads the bundle:
 * measured, that made ApiWrite's fresh-process import 8% slower (the map is 259 kB), on every
 * cold start, for stack traces that only an error reads. This module, injected into every
 * function bundle by the construct (`BUNDLING.inject`, infra/constructs/one-list-function.ts),
 * sets `Error.prepareStackTrace`: each frame V8 formats keeps its own text (`CallSite`'s
 * `toString()`), except that a position in a file with a map beside it (`index.mjs.map`) is
 * replaced by the source position Node.js's own `SourceMap` finds for it. The map of a file
 * is read once, at its first frame; a file without one costs one failed read, once.
 * ARCHITECTURE.md, 2026-12-05 "Source maps read at the first stack, not at the cold start".
 */
import type { SourceMap as NodeSourceMap } from 'node:module';

const maps = new Map<string, NodeSourceMap | null>();

/** The source map beside `file` (`<file>.map`), or null when there is none. */
function mapOf(file: string): NodeSourceMap | null {
  const known = maps.get(file);
  if (known !== undefined) return known;
  let map: NodeSourceMap | null = null;
  if (file.startsWith('file:') || file.startsWith('/')) {
    try {
      const { readFileSync } = process.getBuiltinModule('node:fs');
      const { SourceMap } = process.getBuiltinModule('node:module');
      const path = file.startsWith('file:') ? new URL(`${file}.map`) : `${file}.map`;
      map = new SourceMap(
        JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
      );
    } catch {
      map = null; // no map beside it (or none readable): the frame stays as V8 wrote it
    }
  }
  maps.set(file, map);
  return map;
}

/**
 * A source named as the project names it: `functions/api/router.ts`, `node_modules/zod/…`
 * (the map's sources are relative to wherever the bundle was built).
 */
export function sourceName(source: string): string {
  const at = source.search(/(?:^|\/)(?:functions|node_modules)\//);
  const from = at < 0 ? source : source.slice(at + (source[at] === '/' ? 1 : 0));
  return from.replace(/^(?:\.\.\/)+/, '');
}

/**
 * One frame as V8 writes it, its bundle position replaced by the source position and its
 * minified function name by the source's: the map's name at the function's start, else at
 * its caller's call (`caller`, the next frame), as Node.js's `--enable-source-maps` finds it.
 */
export function sourceFrame(site: NodeJS.CallSite, caller?: NodeJS.CallSite): string {
  const text = String(site);
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || line === null || column === null) return text;
  const map = mapOf(file);
  if (!map) return text;
  const origin = map.findOrigin(line, column);
  if (!('fileName' in origin)) return text;
  const where = `${file}:${line}:${column}`;
  const source = `${sourceName(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`;
  const located = text.includes(where) ? text.replace(where, source) : `${text} [${source}]`;
  const minified = site.getFunctionName();
  if (!minified) return located;
  const nameAt = (l: number | null, c: number | null) => {
    if (l === null || c === null) return undefined;
    const entry = map.findEntry(l - 1, c - 1);
    return 'name' in entry ? entry.name : undefined;
  };
  const name =
    nameAt(site.getEnclosingLineNumber(), site.getEnclosingColumnNumber()) ??
    (caller?.getFileName() === file ? nameAt(caller.getLineNumber(), caller.getColumnNumber()) : undefined);
  const head = located.lastIndexOf(' (');
  const at = head < 0 ? -1 : located.lastIndexOf(minified, head);
  if (!name || at < 0) return located;
  return located.slice(0, at) + name + located.slice(at + minified.length);
}

/** The stack V8 would write, with source positions (`Error.prepareStackTrace`'s contract). */
export function sourceStack(error: unknown, sites: readonly NodeJS.CallSite[]): string {
  let header: string;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = 'Error';
  }
  const frame = (site: NodeJS.CallSite, i: number) => {
    try {
      return sourceFrame(site, sites[i + 1]);
    } catch {
      return String(site); // a stack is never lost to its mapping
    }
  };
  return header + sites.map((site, i) => `\n    at ${frame(site, i)}`).join('');
}

Error.prepareStackTrace = sourceStack;
