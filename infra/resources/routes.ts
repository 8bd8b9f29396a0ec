/**
 * The HTTP routes, for infra (CDK, the local gateway, the tests): each is declared once, in its
 * resource's file under functions/api/routes/ (functions/api/route.ts says what a declaration
 * holds). This module only passes the list on; it declares nothing.
 */
export {
  type FunctionId,
  type Method,
  type RouteDeclaration,
  routeKey,
} from '../../functions/api/route.ts';
export { type DeclaredRoute, routes } from '../../functions/api/routes/index.ts';
