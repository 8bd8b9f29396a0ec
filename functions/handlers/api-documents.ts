/** The Documents function (spreadsheets in and out, printed orders): its own operations only. */
import { documentOperations } from '../api/documents.ts';
import { apiHandler } from '../api/router.ts';
import { documentsRoutes } from '../api/routes/documents/index.ts';

export const documentsHandler = apiHandler('Documents', documentsRoutes, documentOperations);
