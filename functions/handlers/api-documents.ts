/** The Documents function (spreadsheets in and out, printed orders): its own operations only. */
import { documentOperations } from '../api/documents.ts';
import { apiHandler } from '../api/router.ts';

export const documentsHandler = apiHandler('Documents', documentOperations);
