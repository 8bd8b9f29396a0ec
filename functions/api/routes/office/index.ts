/**
 * The routes ApiOffice serves (the verbs of supervision and the office's daily tools), by
 * resource: one file per resource beside this one, spread here; its handler bundles these and
 * no others. ApiWrite has no room left under its bundle budget, so new commands live here.
 */
import { notificationSettingsRoutes } from './notification-settings.ts';
import { notificationsRoutes } from './notifications.ts';
import { referralsRoutes } from './referrals.ts';
import { rulesRoutes } from './rules.ts';
import { supportReportsRoutes } from './support-reports.ts';
import { urgingsRoutes } from './urgings.ts';
import { verbsRoutes } from './verbs.ts';

export const officeRoutes = [
  ...verbsRoutes,
  ...urgingsRoutes,
  ...supportReportsRoutes,
  ...referralsRoutes,
  ...rulesRoutes,
  ...notificationsRoutes,
  ...notificationSettingsRoutes,
] as const;
