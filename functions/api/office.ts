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
import type { Actor } from '#domain/model.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

const ctx = (req: { actor: Actor }) => ({ actor: req.actor });

export const officeOperations: OperationsOf<DeclaredRoute, 'ApiOffice'> = {
  getUnitNotifications: async (req) => await unitNotifications(ctx(req), req.params.unitId),
  replaceUnitNotifications: async (req) =>
    await replaceUnitNotifications(ctx(req), req.params.unitId, req.body),
  testUnitNotifications: async (req) => await testUnitNotifications(ctx(req), req.params.unitId),
  getDeskNotifications: async (req) => await deskNotifications(req.params.desk),
  replaceDeskNotifications: async (req) =>
    await replaceDeskNotifications(ctx(req), req.params.desk, req.body),
  testDeskNotifications: async (req) => await testDeskNotifications(req.params.desk),
};
