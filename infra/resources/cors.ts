/**
 * The one declaration of the HTTP API's CORS behaviour. The CDK stack configures the API
 * Gateway HTTP API's `corsPreflight` with these values; the local gateway answers preflight
 * requests with the same ones, so a browser sees one behaviour in both places. The allowed
 * origins are deployment configuration: CDK context `corsOrigins` (`cdk.json`, overridable
 * with `-c corsOrigins=https://a.example,https://b.example`).
 */
export const CORS = {
  /** CDK context key holding the allowed origins. */
  contextKey: 'corsOrigins',
  allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'],
  /** Lower case: what browsers send in `Access-Control-Request-Headers`. */
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  /** How long a browser may cache a preflight answer: one day. */
  maxAgeSeconds: 86_400,
  /** Bearer tokens, never cookies: no credentialed requests. */
  allowCredentials: false,
} as const;

/**
 * The allowed origins in force. The context value may be an array (cdk.json) or, from the
 * command line, a JSON array or a comma-separated list. Absent: no origin is allowed.
 * Each origin is `*` or `scheme://host[:port]` with no path.
 */
export function corsOrigins(context: Readonly<Record<string, unknown>>): string[] {
  const raw = context[CORS.contextKey];
  if (raw === undefined || raw === null) return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    list = text.startsWith('[') ? (JSON.parse(text) as unknown) : text.split(',').map((s) => s.trim());
  }
  if (!Array.isArray(list) || !list.every((o): o is string => typeof o === 'string')) {
    throw new Error(`context "${CORS.contextKey}" must be a list of origins (got ${JSON.stringify(raw)})`);
  }
  const origins = list.filter((o) => o.length > 0);
  for (const o of origins) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) {
      throw new Error(
        `context "${CORS.contextKey}": "${o}" is not an origin (scheme://host[:port], no path)`,
      );
    }
  }
  return origins;
}
