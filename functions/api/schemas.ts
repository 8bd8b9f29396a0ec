/**
 * The request side of the route declarations (routes/*.ts) that every API function shares:
 * path parameters, the query's building blocks and the error statuses. The router validates
 * with them; documentation rides on zod's own `.meta()` (description, example, `id` for the
 * component name), which costs no OpenAPI code. The named request bodies of the write routes
 * are in bodies.ts (only ApiWrite constructs them); the response schemas (responses.ts) are
 * named by the declarations and never bundled.
 */

import * as z from 'zod/mini';
import {
  EventPageSize,
  fromText,
  Id,
  NUMBER_LIMITS,
  OrderId,
  PageSize,
  Period,
  Year,
} from '#domain/model.ts';
import { lazily } from '#lib/lazily.ts';

/** Names a schema as a component (`#/components/schemas/<name>`): an identical copy carrying the id. */
export const named = <T extends z.ZodMiniType>(id: string, schema: T): T => {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { id });
  return copy;
};

// ---------------------------------------------------------------------------------------------
// Path parameters, read as text (API Gateway passes strings) and parsed by the router

/**
 * `year` in paths and queries is read as text and coerced; OpenAPI would see only the
 * coercion's input (a number). What it accepts: an integer, 2000–2100.
 */
export const YEAR_DOC = { type: 'integer', minimum: 2000, maximum: 2100, example: 2022 } as const;
/** The largest page of domain events (outbox, notifications): events are large, 25 keep a page under 1 MB. */
export const EVENT_PAGE_MAX = NUMBER_LIMITS.eventPageSize.max;

/** The building blocks of the queries (and of the year in a path), built at their first read. */
export const query = lazily({
  /** A year in a path or query: text, coerced, 2000–2100 (openapi.ts documents it as an integer). */
  YearParam: () => fromText(Year),
  /** The number of events of a page: text, coerced, at most EVENT_PAGE_MAX, 25 unless asked. */
  EventLimit: () => z._default(fromText(EventPageSize), EVENT_PAGE_MAX),
  /** The number of entries of a page: text, coerced, 25 unless asked. */
  Limit: () => z._default(fromText(PageSize), 25),
  /**
   * The page size of the listings paged since 2026-12-02 (claims, trail, ledger, people,
   * batches, evaluation results and drafts, rankings, public units): 100 unless asked, so a
   * reader of the whole list before sees the same answer for lists of up to 100.
   */
  WideLimit: () => z._default(fromText(PageSize), 100),
  /** A page cursor as a listing answered it (`nextCursor`). */
  Cursor: () => z.optional(z.string().check(z.maxLength(2000))),
});
/** The query of such a listing. */
export const pageQuery = () => z.strictObject({ limit: query.WideLimit, cursor: query.Cursor });

const IdParam = (name: string, description: string) =>
  Id.clone().register(z.globalRegistry, { param: { name, in: 'path', description } });

const YearPathParam = () =>
  query.YearParam.clone().register(z.globalRegistry, {
    ...YEAR_DOC,
    param: { name: 'year', in: 'path', description: 'Year of the list.' },
  });

/** Order ids as issued: `<year>-<RES|COM|INQ>-<number>`. */
const OrderIdParam = () =>
  OrderId.clone().register(z.globalRegistry, {
    param: { name: 'id', in: 'path', description: 'Order id as issued: `<year>-<RES|COM|INQ>-<number>`.' },
    example: '2022-RES-0001',
  });

const PeriodParam = () =>
  Period.clone().register(z.globalRegistry, {
    param: { name: 'period', in: 'path', description: 'Evaluation period: a month, `YYYY-MM`.' },
    example: '2022-05',
  });

const CalendarYearPathParam = () =>
  query.YearParam.clone().register(z.globalRegistry, {
    ...YEAR_DOC,
    param: { name: 'year', in: 'path', description: 'Calendar year.' },
  });

/** The path parameters of the routes, by what they name. */
export const params = lazily({
  itemId: () =>
    z.strictObject({
      get id() {
        return IdParam('id', 'Item id.');
      },
    }),
  unitId: () =>
    z.strictObject({
      get unitId() {
        return IdParam('unitId', 'Unit id.');
      },
    }),
  unitPerson: () =>
    z.strictObject({
      get unitId() {
        return IdParam('unitId', 'Unit id.');
      },
      get personId() {
        return IdParam('personId', 'Person id (one of the unit’s people).');
      },
    }),
  proposalId: () =>
    z.strictObject({
      get id() {
        return IdParam('id', 'Proposal id.');
      },
    }),
  claim: () =>
    z.strictObject({
      get id() {
        return IdParam('id', 'Item id.');
      },
      get claimId() {
        return IdParam('claimId', 'Claim id.');
      },
    }),
  orderId: () => z.strictObject({ id: OrderIdParam() }),
  year: () => z.strictObject({ year: YearPathParam() }),
  period: () => z.strictObject({ period: PeriodParam() }),
  calendarYear: () => z.strictObject({ year: CalendarYearPathParam() }),
  subjectId: () =>
    z.strictObject({
      get subjectId() {
        return IdParam('subjectId', 'An item id, or an inquiry order id.');
      },
    }),
});

// ---------------------------------------------------------------------------------------------
// Errors by status

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/** Errors of a read: bad parameters or query, no such object. */
export const READ: readonly ErrorStatus[] = [400, 404];
/** Errors of a write: bad input, too large, missing objects, races, rules, Idempotency-Key. */
export const WRITE: readonly ErrorStatus[] = [400, 404, 409, 413, 422];
export const WRITE_NO_LOOKUP: readonly ErrorStatus[] = [400, 409, 413, 422];
