/** The routes ApiWrite serves, by resource: its handler bundles these and no others. */
import { calendarRoutes } from './calendar.ts';
import { claimsRoutes } from './claims.ts';
import { evaluationsRoutes } from './evaluations.ts';
import { itemsRoutes } from './items.ts';
import { opsRoutes } from './ops.ts';
import { ordersRoutes } from './orders.ts';
import { progressRoutes } from './progress.ts';
import { proposalsRoutes } from './proposals.ts';
import { unitsRoutes } from './units.ts';

export const writeRoutes = [
  ...unitsRoutes,
  ...proposalsRoutes,
  ...itemsRoutes,
  ...claimsRoutes,
  ...progressRoutes,
  ...ordersRoutes,
  ...evaluationsRoutes,
  ...calendarRoutes,
  ...opsRoutes,
] as const;
