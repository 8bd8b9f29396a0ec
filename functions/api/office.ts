/**
 * What each ApiOffice route does, by operationId (the verbs of supervision and the office's
 * daily tools): call one application command or one read and shape the answer. No rules here.
 */
import { notificationsOf, outboxPage, remindersOf } from '#data/outbox.ts';
import { getUnit } from '#data/units.ts';
import { requireLedgerReader } from '#domain/access.ts';
import { Forbidden } from '#domain/errors.ts';
import { addresseeOf, eventView } from '#domain/notifications.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

export const officeOperations: OperationsOf<DeclaredRoute, 'ApiOffice'> = {
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
};
