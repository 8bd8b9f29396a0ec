/** The ApiPublic function (public, unauthenticated reads): its own operations only, so its bundle carries no other's. */
import { publicOperations } from '../api/operations.ts';
import { apiHandler } from '../api/router.ts';

export const publicHandler = apiHandler('ApiPublic', publicOperations);
