/** The ApiPublic function (public, unauthenticated reads): its own operations only, so its bundle carries no other's. */
import { publicOperations } from '../api/operations.ts';
import { apiHandler } from '../api/router.ts';
import { publicRoutes } from '../api/routes/public/index.ts';

export const publicHandler = apiHandler('ApiPublic', publicRoutes, publicOperations);
