/** The ApiRead function (authenticated reads): its own operations only, so its bundle carries no other's. */
import { readOperations } from '../api/operations.ts';
import { apiHandler } from '../api/router.ts';
import { readRoutes } from '../api/routes/read/index.ts';

export const readHandler = apiHandler('ApiRead', readRoutes, readOperations);
