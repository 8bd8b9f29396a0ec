/**
 * What a route declaration holds (functions/api/routes/*.ts): everything about one route in
 * one place. CDK creates an API Gateway route per declaration (JWT authorizer unless public),
 * the local gateway serves the same list, the router validates path, query and body against
 * the declared schemas and hands the operation the parsed input, and the OpenAPI document, the
 * README route table, the authorisation matrix and the roles of each command derive from it.
 */
import type * as z from 'zod/mini';
import type { Actor, Role } from '#domain/model.ts';
import { keepAfterFirstRead } from '#lib/lazily.ts';
import type { ResponseName } from './responses.ts';
import type { ErrorStatus } from './schemas.ts';

export type Method = 'GET' | 'POST' | 'PATCH';

/** The declared API functions (infra/resources/functions.ts); each bundles only its own operations. */
export type FunctionId = 'ApiPublic' | 'ApiRead' | 'ApiWrite' | 'ApiOffice' | 'Documents';

export type SuccessStatus = 200 | 201 | 202;

/** A successful answer: its status, its body (by name: responses.ts) and what it means. */
export interface SuccessResponse {
  readonly status: SuccessStatus;
  /** The body's schema, a key of `responses` (responses.ts): named, so no Lambda bundles it. */
  readonly schema: ResponseName;
  readonly description: string;
  /**
   * The answer is a file of these media types, not JSON (an export, a template, a printed
   * order): the operation returns a FileAnswer (http.ts), `schema` is then `File`.
   */
  readonly mediaTypes?: readonly string[];
}

export interface RouteDeclaration {
  readonly method: Method;
  /** API Gateway path syntax: `{name}` parameters. */
  readonly path: string;
  /** Stable name of the operation; the operation, the document and the command roles key on it. */
  readonly operationId: string;
  /** One line: the OpenAPI summary and the README route table. */
  readonly summary: string;
  /** Roles allowed; `public` routes take no token. */
  readonly auth: 'public' | readonly Role[];
  /** The declared function that serves it. */
  readonly function: FunctionId;
  /** Path parameters (every `{name}` of the path), parsed from text. */
  readonly params?: z.ZodMiniObject;
  /** The query string: a strict object (an unknown parameter is a 400). */
  readonly query?: z.ZodMiniObject;
  /** The JSON body of a POST or PATCH (no body is `{}`). */
  readonly body?: z.ZodMiniType;
  /** A valid body, shown in the document (the tests and the linter check it against `body`). */
  readonly example?: unknown;
  /** The success answer. */
  readonly response: SuccessResponse;
  /**
   * The errors particular to the route; the ones every route of its kind gives (429, 500, 503,
   * 401/403 unless public, 400/409/413/422 on a write) are added (contract.ts).
   */
  readonly errors: readonly ErrorStatus[];
  /**
   * Public reads that browsers and CloudFront may keep: answered with `Cache-Control: public,
   * max-age=<seconds>, stale-while-revalidate` and a strong `ETag` (the body's hash); a
   * matching `If-None-Match` gets 304 without a body (functions/api/router.ts).
   */
  readonly cacheSeconds?: number;
  /** The largest body the route accepts when it is not the API's 64 KiB (a spreadsheet upload). */
  readonly maxBodyBytes?: number;
}

/** How long the public board's reads may be kept (a minute: progress shows within it). */
export const PUBLIC_CACHE_SECONDS = 60;
/** Seconds a cache may go on serving such an answer while it revalidates it. */
export const STALE_WHILE_REVALIDATE_SECONDS = 300;

/**
 * Declares a route: returns it as written, with its literal types kept, so that the operation
 * of `operationId` gets the parsed input of exactly these schemas (`OperationInput`). Its
 * `params`, `query`, `body` and `example` may be getters, which build the route's schemas at
 * its first request (its example when the document is built) rather than at every cold start:
 * each is kept after its first read (ARCHITECTURE.md, 2026-12-04 "The runtime schemas are
 * zod/mini").
 */
export const route = <const R extends RouteDeclaration>(declaration: R): R => {
  for (const key of ['params', 'query', 'body', 'example'] as const) {
    const build = Object.getOwnPropertyDescriptor(declaration, key)?.get;
    if (build) keepAfterFirstRead(declaration, key, () => build.call(declaration));
  }
  return declaration;
};

export const routeKey = (r: Pick<RouteDeclaration, 'method' | 'path'>) => `${r.method} ${r.path}`;

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : Record<string, never>;

/** What the router hands an operation: the caller and the path, query and body as parsed. */
export interface OperationInput<R extends RouteDeclaration> {
  /** The caller; none on a public route. */
  readonly actor: R['auth'] extends 'public' ? undefined : Actor;
  readonly params: Parsed<R['params']>;
  readonly query: Parsed<R['query']>;
  readonly body: R['body'] extends z.ZodMiniType ? z.output<R['body']> : undefined;
}

/** An operation answers the body of its route's success response; the router sends its status. */
export type OperationOf<R extends RouteDeclaration> = (input: OperationInput<R>) => Promise<unknown>;

/** The operations of one function: exactly one per route it serves, typed by the route. */
export type OperationsOf<Routes extends RouteDeclaration, F extends FunctionId> = {
  readonly [R in Extract<Routes, { function: F }> as R['operationId']]: OperationOf<R>;
};

/** Every signed-in role. */
export const ALL: readonly Role[] = ['commander', 'office', 'unit', 'manager', 'inspector'];
/** Headquarters: the commanders and the office. */
export const HQ: readonly Role[] = ['commander', 'office'];
