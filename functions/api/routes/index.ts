/**
 * Every route of the API, by resource: the one list CDK, the local gateway, the router, the
 * OpenAPI document, the README table and the authorisation matrix read. A route is declared
 * once, in its resource's file (route.ts says what a declaration holds).
 */
import type { RouteDeclaration } from '../route.ts';
import { calendarRoutes } from './calendar.ts';
import { claimsRoutes } from './claims.ts';
import { documentsRoutes } from './documents.ts';
import { evaluationsRoutes } from './evaluations.ts';
import { itemsRoutes } from './items.ts';
import { opsRoutes } from './ops.ts';
import { ordersRoutes } from './orders.ts';
import { progressRoutes } from './progress.ts';
import { proposalsRoutes } from './proposals.ts';
import { publicRoutes } from './public.ts';
import { systemRoutes } from './system.ts';
import { unitsRoutes } from './units.ts';

const declared = [
  ...systemRoutes,
  ...publicRoutes,
  ...unitsRoutes,
  ...proposalsRoutes,
  ...itemsRoutes,
  ...claimsRoutes,
  ...progressRoutes,
  ...ordersRoutes,
  ...evaluationsRoutes,
  ...calendarRoutes,
  ...opsRoutes,
  ...documentsRoutes,
] as const;

/** Any declared route, with its literal types (operationId, function, schemas): operations.ts types each operation by it. */
export type DeclaredRoute = (typeof declared)[number];

/** The routes, in the order of the README table and the document. */
export const routes: readonly RouteDeclaration[] = declared;
