/**
 * Checks real API responses against the contract (functions/api/contract.ts), for any test
 * that calls the API: in-process handlers, the local gateway, end-to-end runs.
 *
 *   checkResponse('getItem', res.statusCode, res.body);   // throws ContractViolation if off
 *   checkResult('getItem', await readHandler(event, ctx)); // the same, from a handler result
 *
 * The message names the operation, the status, every offending field with what the contract
 * expects and what came back, and the body itself.
 */
import type { z } from 'zod/mini';
import { contract, type OperationContract } from '../../functions/api/contract.ts';
import { routes } from '../../infra/resources/routes.ts';

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

export interface CheckOptions {
  /**
   * Also fail on fields the contract does not declare. Entity objects are open in the
   * contract (clients must tolerate new fields), so this is off by default; turn it on to
   * catch internals leaking into a response.
   */
  readonly exact?: boolean;
  /** With `exact`, field names to let through anyway (known, reported drift). */
  readonly allowUndeclared?: readonly string[];
}

const MAX_BODY_SHOWN = 4000;

function describeOperation(operationId: string): string {
  const r = routes.find((x) => x.operationId === operationId);
  return r ? `${r.method} ${r.path} (${operationId})` : operationId;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** One line per issue: where, what the contract wants, what came back; unions nest. */
function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  body: unknown,
  base: readonly PropertyKey[],
  indent: string,
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      lines.push(`${indent}- ${pathText(path)}: matches none of the ${issue.errors.length} allowed shapes:`);
      issue.errors.forEach((branch, i) => {
        lines.push(`${indent}    shape ${i + 1}:`);
        lines.push(...describeIssues(branch, body, path, `${indent}      `));
      });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      lines.push(
        `${indent}- ${pathText(path)}: fields the contract does not allow: ${issue.keys.join(', ')}`,
      );
      continue;
    }
    const actual = at(body, path);
    lines.push(
      actual === undefined
        ? `${indent}- ${pathText(path)}: missing (${issue.message})`
        : `${indent}- ${pathText(path)}: ${issue.message}; got ${show(actual)}`,
    );
  }
  return lines;
}

/**
 * Fields present in `input` but not in the parsed `output`: what the schema does not
 * declare (zod objects drop unknown keys when parsing).
 */
function undeclared(input: unknown, output: unknown, path: readonly PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((v, i) => undeclared(v, output[i], [...path, i]));
  }
  if (input && output && typeof input === 'object' && typeof output === 'object') {
    const out = output as Record<string, unknown>;
    return Object.entries(input as Record<string, unknown>).flatMap(([k, v]) =>
      k in out ? undeclared(v, out[k], [...path, k]) : [[...path, k]],
    );
  }
  return [];
}

function bodyText(body: unknown): string {
  const text = JSON.stringify(body, null, 2) ?? 'undefined';
  return text.length > MAX_BODY_SHOWN
    ? `${text.slice(0, MAX_BODY_SHOWN)}\n... (${text.length - MAX_BODY_SHOWN} more characters)`
    : text;
}

function operation(operationId: string): OperationContract {
  const c = contract[operationId];
  if (!c) {
    throw new ContractViolation(
      `no operation "${operationId}" in the contract; known: ${Object.keys(contract).join(', ')}`,
    );
  }
  return c;
}

/**
 * Validates a response body against the contract of `operationId` for `status`. `body` may be
 * the raw HTTP body (a JSON string) or already parsed. Returns the parsed body; throws a
 * ContractViolation saying what differs.
 */
export function checkResponse(
  operationId: string,
  status: number,
  body: unknown,
  options: CheckOptions = {},
): unknown {
  const c = operation(operationId);
  const where = `${describeOperation(operationId)} answered ${status}`;
  // A file answer (an export, a template, a printed order) is bytes: its media type is the contract.
  if (c.responses[status]?.mediaTypes) return body;
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new ContractViolation(`${where} with a body that is not JSON:\n${body.slice(0, MAX_BODY_SHOWN)}`);
    }
  }
  const expected = c.responses[status];
  if (!expected) {
    throw new ContractViolation(
      `${where}, a status its contract does not declare (declared: ${Object.keys(c.responses).join(', ')})\n` +
        `body:\n${bodyText(value)}`,
    );
  }
  const res = expected.schema.safeParse(value);
  if (!res.success) {
    throw new ContractViolation(
      [
        `${where} with a body that breaks the contract ("${expected.description}"):`,
        ...describeIssues(res.error.issues, value, [], '  '),
        'body:',
        bodyText(value),
      ].join('\n'),
    );
  }
  if (options.exact) {
    const allowed = new Set(options.allowUndeclared ?? []);
    const extra = undeclared(value, res.data)
      .filter((p) => !allowed.has(String(p.at(-1))))
      .map(pathText);
    if (extra.length > 0) {
      throw new ContractViolation(
        [
          `${where} with fields the contract does not declare:`,
          ...extra.map((p) => `  - ${p}`),
          'body:',
          bodyText(value),
        ].join('\n'),
      );
    }
  }
  return value;
}

/** The same, from what a handler returns (`{ statusCode, body }` with a JSON string body). */
export function checkResult(
  operationId: string,
  result: { readonly statusCode: number; readonly body?: string },
  options: CheckOptions = {},
): unknown {
  return checkResponse(operationId, result.statusCode, result.body ?? '', options);
}

/** The statuses the contract declares for an operation (to assert a test covers them). */
export function declaredStatuses(operationId: string): number[] {
  return Object.keys(operation(operationId).responses).map(Number);
}
