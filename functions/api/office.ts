/**
 * What each ApiOffice route does, by operationId (the verbs of supervision and the office's
 * daily tools): call one application command or one read and shape the answer. No rules here.
 */
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

export const officeOperations: OperationsOf<DeclaredRoute, 'ApiOffice'> = {};
