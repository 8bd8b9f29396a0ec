/** The ApiWrite function (commands): its own operations only, so its bundle carries no other's. */
import { writeOperations } from '../api/operations.ts';
import { apiHandler } from '../api/router.ts';

export const writeHandler = apiHandler('ApiWrite', writeOperations);
