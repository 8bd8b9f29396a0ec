/**
 * Every route of the API: the one list CDK, the local gateway, the OpenAPI document, the
 * README table, the contract and the authorisation matrix read. A route is declared once, in
 * the file of its function and resource (`public/`, `read/`, `write/`: each API function's
 * handler imports only its own folder's list, so its bundle carries no other function's
 * declarations); route.ts says what a declaration holds.
 */
import type { RouteDeclaration } from '../route.ts';
import { documentsRoutes } from './documents/index.ts';
import { officeRoutes } from './office/index.ts';
import { boardRoutes } from './public/board.ts';
import { systemRoutes } from './public/system.ts';
import { calendarRoutes as readCalendar } from './read/calendar.ts';
import { claimsRoutes as readClaims } from './read/claims.ts';
import { evaluationsRoutes as readEvaluations } from './read/evaluations.ts';
import { itemsRoutes as readItems } from './read/items.ts';
import { opsRoutes as readOps } from './read/ops.ts';
import { ordersRoutes as readOrders } from './read/orders.ts';
import { progressRoutes as readProgress } from './read/progress.ts';
import { proposalsRoutes as readProposals } from './read/proposals.ts';
import { unitsRoutes as readUnits } from './read/units.ts';
import { calendarRoutes as writeCalendar } from './write/calendar.ts';
import { claimsRoutes as writeClaims } from './write/claims.ts';
import { evaluationsRoutes as writeEvaluations } from './write/evaluations.ts';
import { itemsRoutes as writeItems } from './write/items.ts';
import { opsRoutes as writeOps } from './write/ops.ts';
import { ordersRoutes as writeOrders } from './write/orders.ts';
import { progressRoutes as writeProgress } from './write/progress.ts';
import { proposalsRoutes as writeProposals } from './write/proposals.ts';
import { unitsRoutes as writeUnits } from './write/units.ts';

const declared = [
  ...systemRoutes,
  ...boardRoutes,
  ...readUnits,
  ...writeUnits,
  ...readProposals,
  ...writeProposals,
  ...readItems,
  ...writeItems,
  ...readClaims,
  ...writeClaims,
  ...readProgress,
  ...writeProgress,
  ...readOrders,
  ...writeOrders,
  ...readEvaluations,
  ...writeEvaluations,
  ...readCalendar,
  ...writeCalendar,
  ...readOps,
  ...writeOps,
  ...officeRoutes,
  ...documentsRoutes,
] as const;

/** Any declared route, with its literal types (operationId, function, schemas): operations.ts types each operation by it. */
export type DeclaredRoute = (typeof declared)[number];

/** The routes, by resource (the order of the README table and the document). */
export const routes: readonly RouteDeclaration[] = declared;
