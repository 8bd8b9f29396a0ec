/** The routes ApiPublic serves: its handler bundles these and no others. */
import { boardRoutes } from './board.ts';
import { systemRoutes } from './system.ts';

export const publicRoutes = [...systemRoutes, ...boardRoutes] as const;
