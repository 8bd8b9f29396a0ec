/** The routes the Documents function serves (spreadsheets, printed orders): its handler bundles these and no others. */
import { documentsRoutes as declared } from './documents.ts';
import { evidenceRoutes } from './evidence.ts';

export const documentsRoutes = [...declared, ...evidenceRoutes] as const;
