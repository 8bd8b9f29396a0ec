/** The ApiOffice function (the verbs of supervision, the office's daily tools): its own operations only. */
import { officeOperations } from '../api/office.ts';
import { apiHandler } from '../api/router.ts';
import { officeRoutes } from '../api/routes/office/index.ts';

export const officeHandler = apiHandler('ApiOffice', officeRoutes, officeOperations);
