/**
 * What each ApiOffice route does, by operationId (the verbs of supervision and the office's
 * daily tools): call one application command or one read and shape the answer. No rules here.
 */

import {
  deskNotifications,
  replaceDeskNotifications,
  replaceUnitNotifications,
  testDeskNotifications,
  testUnitNotifications,
  unitNotifications,
} from '#app/commands/notifications.ts';
import {
  closeInquiryReferral,
  publishRules,
  referInquiry,
  regradeYear,
  reportSupport,
  urge,
} from '#app/commands/office.ts';
import { decideExtension, reassign, requestExtension, withdrawClaim } from '#app/commands/verbs.ts';
import { presentingAs, withoutAnswering } from '#data/db.ts';
import { extensionsOf, extensionsOfYear } from '#data/extensions.ts';
import { getItem } from '#data/items.ts';
import { notificationsOf, outboxPage, remindersOf } from '#data/outbox.ts';
import { ruleSetVersions } from '#data/results.ts';
import { supportReportsOf, urgingsOf } from '#data/supervision.ts';
import { getUnit } from '#data/units.ts';
import { readsUnitInFull, requireItemVisible, requireLedgerReader } from '#domain/access.ts';
import { Forbidden } from '#domain/errors.ts';
import type { Actor } from '#domain/model.ts';
import { addresseeOf, eventView } from '#domain/notifications.ts';
import { supportReportView, urgingsVisibleTo } from '#domain/supervision.ts';
import { toExtensionView } from '#domain/verbs.ts';
import { pageView, toClaimView, toOrderView } from '#domain/views.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

const ctx = (req: { actor: Actor }) => ({ actor: req.actor });

/** The answer as its view; the commit that carries it records the same view (Idempotency-Key). */
const viewed = <T, V>(view: (t: T) => V, run: () => Promise<T>): Promise<V> =>
  presentingAs(view as (answer: never) => unknown, run).then(view);

export const officeOperations: OperationsOf<DeclaredRoute, 'ApiOffice'> = {
  requestExtension: async (req) =>
    await viewed(toExtensionView, () => requestExtension(ctx(req), req.params.id, req.body)),
  decideExtension: async (req) =>
    await viewed(toExtensionView, () =>
      decideExtension(ctx(req), req.params.id, req.params.extensionId, req.body),
    ),
  listItemExtensions: async (req) => {
    const item = await getItem(req.params.id);
    requireItemVisible(req.actor, item);
    // Another unit's requests are not on the public board: a unit sees its own unit's; the
    // latest 100 (one pending per target at a time: more is a history, in the item's trail).
    const all = await extensionsOf(item.itemId);
    const mine = all.filter((r) => readsUnitInFull(req.actor, r.unitId));
    return { items: mine.slice(-100).map(toExtensionView) };
  },
  listExtensions: async (req) => {
    const v = req.query;
    const page = await extensionsOfYear(req.params.year, v.status, v.limit, v.cursor);
    return pageView(page, toExtensionView);
  },
  reassignItem: async (req) => await viewed(toOrderView, () => reassign(ctx(req), req.params.id, req.body)),
  withdrawClaim: async (req) =>
    await viewed(toClaimView, () => withdrawClaim(ctx(req), req.params.id, req.params.claimId, req.body)),
  urgeUnit: async (req) => await urge(ctx(req), req.params.id, req.body),
  listUrgings: async (req) => {
    const item = await getItem(req.params.id);
    const visible = urgingsVisibleTo(req.actor, item);
    const page = await urgingsOf(item.itemId, req.query.limit, req.query.cursor);
    return { ...page, items: page.items.filter(visible) };
  },
  reportSupport: async (req) => await reportSupport(ctx(req), req.params.id, req.body),
  listSupportReports: async (req) => {
    const item = await getItem(req.params.id);
    requireItemVisible(req.actor, item);
    const page = await supportReportsOf(item.itemId, req.query.limit, req.query.cursor);
    return { ...page, items: page.items.map((r) => supportReportView(req.actor, item, r)) };
  },
  referInquiry: async (req) =>
    await viewed(toOrderView, () => referInquiry(ctx(req), req.params.id, req.body)),
  closeReferral: async (req) =>
    await viewed(toOrderView, () => closeInquiryReferral(ctx(req), req.params.id, req.body)),
  publishRules: async (req) => await publishRules(ctx(req), req.body),
  listRuleVersions: async (req) => await ruleSetVersions(req.query.limit, req.query.cursor),
  // Many transactions (one per order re-graded), each idempotent: the Idempotency-Key's answer
  // is recorded after them.
  regradeLedgers: async (req) =>
    await withoutAnswering(() => regradeYear(ctx(req), req.body.year, req.body.period)),
  opsOutbox: async (req) => {
    const { status, limit, cursor } = req.query;
    const page = await outboxPage(status, limit, cursor);
    return {
      items: page.items.map((r) => ({
        eventId: r.eventId,
        type: r.type,
        at: r.at,
        status: r.publishedAt ? ('published' as const) : ('pending' as const),
        ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
        attempts: r.attempts ?? 0,
        ...(r.lastError ? { lastError: r.lastError } : {}),
        ...(r.auditType ? { auditType: r.auditType } : {}),
        ...(r.detail ? { event: eventView(r.detail) } : {}),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  myNotifications: async (req) => {
    const addressee = addresseeOf(req.actor);
    if (!addressee) return { items: [] };
    const { limit, cursor } = req.query;
    const page = await notificationsOf(addressee, limit, cursor);
    return {
      items: page.items.map((n) => ({
        eventId: n.eventId,
        type: n.type,
        at: n.at,
        event: eventView(n.detail),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  unitReminders: async (req) => {
    const unitId = req.params.unitId;
    // The ledger's rule: the unit itself (and its managers) and HQ.
    try {
      requireLedgerReader(req.actor, unitId);
    } catch {
      throw new Forbidden('auth.not_your_unit', "a unit reads its own unit's reminders only");
    }
    await getUnit(unitId);
    const { limit, cursor } = req.query;
    const page = await remindersOf(unitId, limit, cursor);
    return {
      items: page.items.map(({ itemId, unitId, key, dueDate, color, at }) => ({
        itemId,
        unitId,
        key,
        dueDate,
        color,
        at,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  getUnitNotifications: async (req) => await unitNotifications(ctx(req), req.params.unitId),
  replaceUnitNotifications: async (req) =>
    await replaceUnitNotifications(ctx(req), req.params.unitId, req.body),
  testUnitNotifications: async (req) => await testUnitNotifications(ctx(req), req.params.unitId),
  getDeskNotifications: async (req) => await deskNotifications(req.params.desk),
  replaceDeskNotifications: async (req) =>
    await replaceDeskNotifications(ctx(req), req.params.desk, req.body),
  testDeskNotifications: async (req) => await testDeskNotifications(req.params.desk),
};
