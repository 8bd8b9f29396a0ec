/**
 * The named request bodies of the write routes (routes/write/*.ts): the command inputs of the
 * domain, plus the few bodies the API itself defines. Apart from schemas.ts so that only the
 * function that validates them constructs them: the read, public, office and documents routes
 * share schemas.ts, and these ~500 zod instances were a third of the schemas their bundles
 * built at a cold start (issue 11 §7).
 */
import * as z from 'zod/mini';
import { CalendarTableInput } from '#domain/calendar.ts';
import {
  AcknowledgeInput,
  AssignInput,
  AwardInput,
  ClaimInput,
  CompletionInput,
  CreateItemInput,
  CreatePersonInput,
  CreateUnitInput,
  DecideProposalInput,
  DeclareProposalInput,
  InquiryAnswerInput,
  InquiryDecisionInput,
  PatchItemInput,
  ProgressInput,
  PublishBatchInput,
  ReopenInput,
  VerificationInput,
  ViolationInput,
} from '#domain/commands.ts';
import { Id, Period, Prose } from '#domain/model.ts';
import { lazily } from '#lib/lazily.ts';
import { named } from './schemas.ts';

/** Runs an evaluation, or confirms inquiry drafts of a period. */
export const EvaluationRequest = z.strictObject({
  period: Period,
  /** Items whose inquiry drafts of the period the office confirms (instead of a run). */
  get confirm() {
    return z.optional(z.array(Id).check(z.minLength(1), z.maxLength(500)));
  },
});
/** A workflow restart: optionally why (recorded in the audit event). */
export const RestartInput = z.strictObject({
  get note() {
    return z.optional(Prose(500));
  },
});
export const ReconcileRequest = z.strictObject({
  /** Why the office runs it (an incident, a restore): in the execution's input and the log. */
  get reason() {
    return z.optional(Prose(500, { line: true }));
  },
});

export const bodies = lazily({
  CreateUnitInput: () => named('CreateUnitInput', CreateUnitInput),
  CreatePersonInput: () => named('CreatePersonInput', CreatePersonInput),
  DeclareProposalInput: () => named('DeclareProposalInput', DeclareProposalInput),
  DecideProposalInput: () => named('DecideProposalInput', DecideProposalInput),
  CreateItemInput: () => named('CreateItemInput', CreateItemInput),
  PatchItemInput: () => named('PatchItemInput', PatchItemInput),
  PublishBatchInput: () => named('PublishBatchInput', PublishBatchInput),
  ClaimInput: () => named('ClaimInput', ClaimInput),
  AwardInput: () => named('AwardInput', AwardInput),
  AssignInput: () => named('AssignInput', AssignInput),
  ReopenInput: () => named('ReopenInput', ReopenInput),
  ProgressInput: () => named('ProgressInput', ProgressInput),
  CompletionInput: () => named('CompletionInput', CompletionInput),
  VerificationInput: () => named('VerificationInput', VerificationInput),
  ViolationInput: () => named('ViolationInput', ViolationInput),
  AcknowledgeInput: () => named('AcknowledgeInput', AcknowledgeInput),
  InquiryAnswerInput: () => named('InquiryAnswerInput', InquiryAnswerInput),
  InquiryDecisionInput: () => named('InquiryDecisionInput', InquiryDecisionInput),
  EvaluationRequest: () => named('EvaluationRequest', EvaluationRequest),
  RestartInput: () => named('RestartInput', RestartInput),
  ReconcileRequest: () => named('ReconcileRequest', ReconcileRequest),
  CalendarTableInput: () => named('CalendarTableInput', CalendarTableInput),
});
