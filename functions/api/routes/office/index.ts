/**
 * The routes ApiOffice serves (the verbs of supervision and the office's daily tools), by
 * resource: one file per resource beside this one, spread here; its handler bundles these and
 * no others. ApiWrite has no room left under its bundle budget, so new commands live here.
 */
import { notificationSettingsRoutes } from './notification-settings.ts';

export const officeRoutes = [...notificationSettingsRoutes] as const;
