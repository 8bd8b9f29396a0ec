/**
 * What the API answers: a view of each stored record without its bookkeeping — the optimistic
 * version (`version`), the head of the audit trail (`auditSeq`, `auditHead`), the workflow's
 * generation (`workflow`), the lapses already acted on and the inquiries still to start
 * (`lapsesActedOn`, `inquiriesToStart`), the storage keys and `entity`, and whatever an older
 * version of the code stored (the dead `pendingWait`). The stored records (model.ts) stay
 * internal to the data and application layers.
 *
 * A view keeps only the fields its schema declares (`viewOf`), so nothing stored leaks by
 * being forgotten here. No client needs the version: the API's commands re-read and decide
 * again (the optimistic concurrency is inside the command, not an If-Match of the client).
 */
import * as z from 'zod/mini';
import { Batch, Claim, Item, Order, Person, ProgressReport, Proposal, Unit } from './model.ts';

/** The fields `schema` declares, taken from `record` (absent ones stay absent). */
export function viewOf<S extends z.ZodMiniObject>(schema: S, record: object): z.infer<S> {
  const out: Record<string, unknown> = {};
  const from = record as Record<string, unknown>;
  for (const k of Object.keys(schema.shape)) if (from[k] !== undefined) out[k] = from[k];
  return out as z.infer<S>;
}

export const ItemView = z.omit(Item, {
  version: true,
  auditSeq: true,
  auditHead: true,
  workflow: true,
  lapsesActedOn: true,
  inquiriesToStart: true,
});
export type ItemView = z.infer<typeof ItemView>;
export const toItemView = (item: Item): ItemView => viewOf(ItemView, item);

export const OrderView = z.omit(Order, { version: true, workflow: true });
export type OrderView = z.infer<typeof OrderView>;
export const toOrderView = (order: Order): OrderView => viewOf(OrderView, order);

export const ClaimView = Claim;
export type ClaimView = z.infer<typeof ClaimView>;
export const toClaimView = (claim: Claim): ClaimView => viewOf(ClaimView, claim);

export const UnitView = z.omit(Unit, { version: true, auditSeq: true, auditHead: true });
export type UnitView = z.infer<typeof UnitView>;
export const toUnitView = (unit: Unit): UnitView => viewOf(UnitView, unit);

export const PersonView = z.omit(Person, { auditSeq: true, auditHead: true });
export type PersonView = z.infer<typeof PersonView>;
export const toPersonView = (person: Person): PersonView => viewOf(PersonView, person);

export const ProposalView = z.omit(Proposal, { version: true, auditSeq: true, auditHead: true });
export type ProposalView = z.infer<typeof ProposalView>;
export const toProposalView = (proposal: Proposal): ProposalView => viewOf(ProposalView, proposal);

export const ProgressReportView = ProgressReport;
export type ProgressReportView = z.infer<typeof ProgressReportView>;
export const toProgressReportView = (report: ProgressReport): ProgressReportView =>
  viewOf(ProgressReportView, report);

export const BatchView = Batch;
export type BatchView = z.infer<typeof BatchView>;
export const toBatchView = (batch: Batch): BatchView => viewOf(BatchView, batch);

/** A proposal's decision: the proposal, and the item an acceptance created. */
export const toProposalDecisionView = (d: { proposal: Proposal; item?: Item }) => ({
  proposal: toProposalView(d.proposal),
  ...(d.item ? { item: toItemView(d.item) } : {}),
});

/** A page of records as a page of their views. */
export const pageView = <T, V>(page: { items: T[]; nextCursor?: string }, view: (t: T) => V) => ({
  ...page,
  items: page.items.map(view),
});
