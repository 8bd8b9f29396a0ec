/** JSON values as they flow between states, and the few helpers the engine needs on them. */

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a value looks like after crossing a JSON boundary, as it does on AWS between a
 * Lambda function and Step Functions: Dates become strings, undefined disappears, binary
 * (DynamoDB `B`) becomes base64.
 */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
  );
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** Deep-equal on JSON values (key order ignored). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i] as JsonValue));
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue))
    );
  }
  return false;
}

/**
 * Replaces placeholders in every string of a JSON value. A string that *is* a placeholder
 * becomes the replacement value itself (so a number stays a number); a string that merely
 * contains one (e.g. the result of `States.Format`) gets the replacement's text.
 */
export function replaceInStrings(value: JsonValue, replacements: ReadonlyMap<string, JsonValue>): JsonValue {
  if (replacements.size === 0) return value;
  if (typeof value === 'string') {
    const whole = replacements.get(value);
    if (whole !== undefined) return whole;
    let out = value;
    for (const [needle, replacement] of replacements) {
      if (out.includes(needle)) {
        out = out
          .split(needle)
          .join(typeof replacement === 'string' ? replacement : JSON.stringify(replacement));
      }
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => replaceInStrings(v, replacements));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceInStrings(v, replacements);
    return out;
  }
  return value;
}

export function stringify(value: JsonValue | undefined): string {
  return JSON.stringify(value ?? null);
}
