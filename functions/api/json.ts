/**
 * What JSON.parse alone lets through: a number that a double cannot hold (1e400 becomes
 * Infinity, 1e-400 becomes 0, 9007199254740993 becomes 9007199254740992) and a string that is
 * not well-formed Unicode (a lone surrogate, `"\ud800"`, which UTF-8 and so DynamoDB cannot
 * store as sent). Both would be stored as something the caller did not send, or fail at
 * DynamoDB; both are the caller's mistake: a 400 naming each field. The bounds of the numbers
 * that do arrive intact are the schemas' (functions/domain/model.ts, "Numbers").
 */
import { ValidationFailed } from '#domain/errors.ts';

/** A number as sign-less significant digits and a power of ten ("120.50" → 1205e-1), or zero. */
function decimal(text: string): { digits: string; exp: number } | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  let digits = `${m[1]}${frac}`.replace(/^0+/, '');
  let exp = Number(m[3] ?? 0) - frac.length;
  if (digits === '') return { digits: '', exp: 0 };
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return { digits, exp };
}

/** Why the number written as `source` did not arrive as `value`, or undefined if it did. */
export function numberProblem(source: string, value: number): string | undefined {
  const sent = decimal(source);
  if (!sent) return undefined;
  if (!Number.isFinite(value) || (value === 0 && sent.digits !== '')) {
    return `${source} is outside the range of numbers this API accepts`;
  }
  const got = decimal(String(value));
  if (!got || got.digits !== sent.digits || got.exp !== sent.exp) {
    return `${source} has more significant digits than a number holds exactly (15 at most)`;
  }
  return undefined;
}

const FLAGGED = Symbol('flagged');
interface Flag {
  readonly [FLAGGED]: string;
}

/**
 * Parses a request body (throws SyntaxError as JSON.parse does); a number that did not arrive
 * exactly or a string that is not well-formed Unicode is a ValidationFailed naming its path.
 */
export function parseExactJson(text: string): unknown {
  let flagged = false;
  const value: unknown = JSON.parse(text, (_key, v: unknown, context?: { source?: string }) => {
    if (typeof v === 'number' && context?.source !== undefined) {
      const problem = numberProblem(context.source, v);
      if (problem) {
        flagged = true;
        return { [FLAGGED]: problem } satisfies Flag;
      }
    }
    if (typeof v === 'string' && !v.isWellFormed()) {
      flagged = true;
      return { [FLAGGED]: 'not well-formed Unicode (a lone surrogate)' } satisfies Flag;
    }
    return v;
  });
  if (!flagged) return value;
  throw new ValidationFailed(flaggedPaths(value));
}

/** The flagged values and their dotted paths, without recursion (a body may be deep). */
function flaggedPaths(root: unknown): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const stack: [unknown, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (FLAGGED in v) {
      out.push({ path: path.join('.') || '(body)', message: (v as Flag)[FLAGGED] });
      continue;
    }
    for (const [k, child] of Object.entries(v)) stack.push([child, [...path, k]]);
  }
  // Object keys that are not well-formed are refused by the strict schemas as unknown fields.
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
