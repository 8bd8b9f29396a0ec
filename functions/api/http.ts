/** HTTP shapes: the API Gateway HTTP API (payload 2.0) event, responses, the one error shape. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DomainError, ErrorDetail } from '#domain/errors.ts';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
  };
};
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

/** An answer: a status and a body the router sends as JSON (what an Idempotency-Key's record holds). */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * A file an operation answers instead of JSON (an export, a template, a printed order): the
 * router sends it base64, as a download (fileResult). Its route declares the media types.
 */
export class FileAnswer {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly bytes: Buffer,
  ) {}
}

/** The one status table: a DomainError's kind → its HTTP status. */
const STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rule: 422,
  unavailable: 503,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A file answer: binary through API Gateway (base64), named for the download. */
export function fileResult(statusCode: number, file: FileAnswer): HttpResult {
  // RFC 6266: an ASCII fallback name and the UTF-8 one.
  const ascii = file.filename.replace(/[^\w.-]/g, '_');
  return {
    statusCode,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'cache-control': 'no-store',
    },
    body: file.bytes.toString('base64'),
    isBase64Encoded: true,
  };
}

export function errorBody(code: string, message: string, details: readonly ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

export function errorResult(err: DomainError): HttpResult {
  return json(STATUS[err.kind], errorBody(err.code, err.message, err.details));
}

/** Anything that is not a DomainError is our fault: a 500 that says nothing of the internals. */
export function internalError(requestId: string): HttpResult {
  return json(500, errorBody('internal', `Something went wrong on our side; quote request ${requestId}`));
}
