/** The ApiWrite function (commands): its own operations only, so its bundle carries no other's. */
import { writeOperations } from '../api/operations.ts';
import { apiHandler } from '../api/router.ts';
import { writeRoutes } from '../api/routes/write/index.ts';

export const writeHandler = apiHandler('ApiWrite', writeRoutes, writeOperations);
