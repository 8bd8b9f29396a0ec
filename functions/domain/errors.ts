/**
 * Typed failures of the domain. Handlers map `kind` to an HTTP status; the code is
 * machine-readable and stable, the message is for people.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule'
  | 'too_large'
  | 'unavailable';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A lifecycle or business rule forbids the command in the current state (HTTP 422). */
export class RuleViolation extends DomainError {
  constructor(
    readonly rule: string,
    message: string,
    details: readonly ErrorDetail[] = [],
  ) {
    super('rule', rule, message, details);
    this.name = 'RuleViolation';
  }
}

export class NotFound extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what}.not_found`, `${what} ${id} does not exist`);
    this.name = 'NotFound';
  }
}

export class Forbidden extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
    this.name = 'Forbidden';
  }
}

/** A concurrent change won the race (HTTP 409); the caller may reload and retry. */
export class Conflict extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
    this.name = 'Conflict';
  }
}

/** A service the system depends on (the table) does not answer (HTTP 503); retry later. */
export class Unavailable extends DomainError {
  constructor(code: string, message: string) {
    super('unavailable', code, message);
    this.name = 'Unavailable';
  }
}

export class ValidationFailed extends DomainError {
  constructor(details: readonly ErrorDetail[], message = 'The request is not valid') {
    super('validation', 'validation.failed', message, details);
    this.name = 'ValidationFailed';
  }
}

export type Result<T, E extends DomainError = RuleViolation> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E extends DomainError>(error: E): Result<never, E> => ({ ok: false, error });
