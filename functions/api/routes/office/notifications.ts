/** ApiOffice routes — the domain events (issue 13 §5): the outbox the office watches, the caller's notifications, a unit's deadline reminders. */
import * as z from 'zod/mini';
import { ALL, route } from '../../route.ts';
import { params, query, READ } from '../../schemas.ts';

export const notificationsRoutes = [
  route({
    method: 'GET',
    path: '/v1/ops/outbox',
    operationId: 'opsOutbox',
    summary: 'The outbox of domain events: pending (oldest first) or published (newest first)',
    auth: ['office'],
    function: 'ApiOffice',
    get query() {
      return z.strictObject({
        get status() {
          return z._default(z.enum(['pending', 'published']), 'pending');
        },
        limit: query.EventLimit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'OutboxPage',
      description:
        'A page of the outbox: the events waiting for the relay (with their failed attempts and last error), or those it published (with the event as put on the bus).',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/me/notifications',
    operationId: 'myNotifications',
    summary: "The domain events addressed to the caller's unit or desk, newest first",
    auth: ALL,
    function: 'ApiOffice',
    get query() {
      return z.strictObject({ limit: query.EventLimit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'NotificationPage',
      description:
        "A page of the published events addressed to the caller: a unit's (or a manager's unit's), the commander's desk, the office's desk. An inspector has none.",
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/units/{unitId}/reminders',
    operationId: 'unitReminders',
    summary: "A unit's deadline reminders (yellow and red), newest due date first",
    auth: ALL,
    function: 'ApiOffice',
    get params() {
      return params.unitId;
    },
    get query() {
      return z.strictObject({ limit: query.Limit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'ReminderPage',
      description:
        'The reminders the daily sweep recorded for the unit: yellow within 3 working days of a milestone or the deadline, red once lapsed. The unit itself (and its managers) and HQ read them.',
    },
    errors: READ,
  }),
] as const;
