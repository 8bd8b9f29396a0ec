/**
 * What each ApiOffice route does, by operationId (the verbs of supervision and the office's
 * daily tools): call one application command or one read and shape the answer. No rules here.
 */
import { decideExtension, reassign, requestExtension, withdrawClaim } from '#app/commands/verbs.ts';
import { presentingAs } from '#data/db.ts';
import { extensionsOf, extensionsOfYear } from '#data/extensions.ts';
import { getItem } from '#data/items.ts';
import { readsUnitInFull, requireItemVisible } from '#domain/access.ts';
import type { Actor } from '#domain/model.ts';
import { toExtensionView } from '#domain/verbs.ts';
import { pageView, toClaimView, toOrderView } from '#domain/views.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

const ctx = (req: { actor: Actor }) => ({ actor: req.actor });

/** A command's answer as its view; the commit that carries the answer records the same view. */
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
    // Another unit's requests are not on the public board: a unit sees its own unit's.
    const all = await extensionsOf(item.itemId);
    return { items: all.filter((r) => readsUnitInFull(req.actor, r.unitId)).map(toExtensionView) };
  },
  listExtensions: async (req) => {
    const v = req.query;
    const page = await extensionsOfYear(req.params.year, v.status, v.limit, v.cursor);
    return pageView(page, toExtensionView);
  },
  reassignItem: async (req) => await viewed(toOrderView, () => reassign(ctx(req), req.params.id, req.body)),
  withdrawClaim: async (req) =>
    await viewed(toClaimView, () => withdrawClaim(ctx(req), req.params.id, req.params.claimId, req.body)),
};
