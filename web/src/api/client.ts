/**
 * The typed API client: openapi-fetch over the generated schema.d.ts (from the project's own
 * OpenAPI document). The console writes no request or response type of its own.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { config } from '../lib/config.ts';
import { navigate } from '../lib/router.ts';
import { session } from '../lib/session.ts';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type PublicList = Schemas['PublicList'];
export type PublicListItem = Schemas['PublicListItem'];
export type PublicItem = Schemas['PublicItemPage'];
export type PublicUnits = Schemas['PublicUnits'];
export type PublicUnit = PublicUnits['items'][number];
export type YearStats = Schemas['YearStats'];
export type Rankings = Schemas['Rankings'];
export type Notice = Schemas['Notice'];
export type Item = Schemas['Item'];

/** The session's token as Bearer; the API's origin from config.json; a refused token signs out. */
export const apiMiddleware: Middleware = {
  async onRequest({ request }) {
    const token = session.get()?.token;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    // On AWS the API has its own origin (config.json's apiUrl); locally it is the console's.
    const base = config().apiUrl;
    if (!base) return request;
    const url = new URL(request.url);
    // A new request at the API's URL: the body read out (a stream body would need `duplex`).
    const body = request.body ? await request.arrayBuffer() : undefined;
    return new Request(`${base}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
    });
  },
  onResponse({ response }) {
    // The token was refused (expired, or revoked): signed out, back to the sign-in page.
    if (response.status === 401 && session.get()) {
      session.set(undefined);
      navigate('/sign-in?expired=1');
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(apiMiddleware);

/** A refusal of the API: its status, machine-readable code and offending fields. */
export type ApiError = Error & {
  status?: number;
  code?: string;
  details?: readonly { path: string; message: string }[];
};

/** The body of an answer, or an Error with the API's machine-readable code. */
export async function must<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (data !== undefined && response.ok) return data;
  const e = error as
    | { error?: { code?: string; message?: string; details?: ApiError['details'] } }
    | undefined;
  const err = new Error(e?.error?.message ?? `HTTP ${response.status}`) as ApiError;
  err.status = response.status;
  err.code = e?.error?.code;
  // The offending fields, dotted, as the API names them (a form shows each beside its field).
  err.details = e?.error?.details ?? [];
  throw err;
}
