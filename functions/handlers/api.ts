/** The HTTP API's Lambda handlers, one per declared API function (infra/resources/functions.ts). */
import { apiHandler } from '../api/router.ts';

export const publicHandler = apiHandler('ApiPublic');
export const readHandler = apiHandler('ApiRead');
export const writeHandler = apiHandler('ApiWrite');
