/**
 * The notification settings of a unit (the unit itself and the office) and of the desks at
 * headquarters (the office): read, replace (audited on the settings' own trail), and a test
 * message sent at once to every address. A read never shows a webhook's secret in full.
 */
import { UnitOfWork, withoutAnswering } from '#data/db.ts';
import { findSettings, putSettings } from '#data/notifications.ts';
import { getUnit } from '#data/units.ts';
import { Forbidden, ValidationFailed } from '#domain/errors.ts';
import type { Actor, HqDesk } from '#domain/model.ts';
import {
  allowedHostsFrom,
  mergeSecrets,
  type NotificationSettingsView,
  type Recipient,
  ReplaceNotificationSettingsInput,
  recipientOwner,
  settingsProblems,
  settingsView,
  type TestMessageResult,
  WEBHOOK_ALLOWED_HOSTS_ENV,
} from '#domain/notification-settings.ts';
import { sendTestMessage } from '../delivery.ts';
import { type Ctx, isoNow, parse, withRetry } from '../support.ts';

/** A unit's settings are the unit's own and the office's. */
async function unitRecipient(actor: Actor, unitId: string): Promise<Recipient> {
  if (actor.role === 'unit' && actor.unitId !== unitId) {
    throw new Forbidden('auth.not_your_unit', "a unit reads and sets only its own unit's notifications");
  }
  await getUnit(unitId);
  return { unitId };
}

async function read(r: Recipient): Promise<NotificationSettingsView> {
  const s = await findSettings(recipientOwner(r));
  return settingsView(r, s, s?.updatedAt);
}

async function replace(ctx: Ctx, r: Recipient, input: unknown): Promise<NotificationSettingsView> {
  const v = parse(ReplaceNotificationSettingsInput, input);
  const owner = recipientOwner(r);
  return withRetry(async () => {
    const before = await findSettings(owner);
    const settings = mergeSecrets(v, before);
    const problems = settingsProblems(settings, allowedHostsFrom(process.env[WEBHOOK_ALLOWED_HOSTS_ENV]));
    if (problems.length) throw new ValidationFailed(problems);
    const at = isoNow();
    const uow = new UnitOfWork();
    const stored = putSettings(uow, owner, settings, before, at, [
      {
        type: 'notifications.replaced',
        actor: ctx.actor,
        // Addresses and hosts, never a webhook's path (its key) or secret.
        data: {
          emails: settings.emails,
          webhooks: settings.webhooks.map((w) => ({
            kind: w.kind,
            host: new URL(w.url).host,
            signed: w.secret !== undefined,
          })),
        },
      },
    ]);
    const view = settingsView(r, stored, stored.updatedAt);
    await uow.commit(view);
    return view;
  });
}

/** No write: under an Idempotency-Key the answer is recorded after the sends (a retry sends again only if it was lost). */
async function test(r: Recipient): Promise<TestMessageResult> {
  const settings = await findSettings(recipientOwner(r));
  return withoutAnswering(() => sendTestMessage(r, settings));
}

export const unitNotifications = async (ctx: Ctx, unitId: string) =>
  read(await unitRecipient(ctx.actor, unitId));
export const replaceUnitNotifications = async (ctx: Ctx, unitId: string, input: unknown) =>
  replace(ctx, await unitRecipient(ctx.actor, unitId), input);
export const testUnitNotifications = async (ctx: Ctx, unitId: string) =>
  test(await unitRecipient(ctx.actor, unitId));

export const deskNotifications = (desk: HqDesk) => read({ desk });
export const replaceDeskNotifications = (ctx: Ctx, desk: HqDesk, input: unknown) =>
  replace(ctx, { desk }, input);
export const testDeskNotifications = (desk: HqDesk) => test({ desk });
