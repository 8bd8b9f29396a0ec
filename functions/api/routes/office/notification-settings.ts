/**
 * ApiOffice — notification settings (issue 13 §5): who is told, where. A unit's settings (the
 * unit itself and the office), the headquarters desks' (the office), and a test message.
 */
import * as z from 'zod/mini';
import { HqDesk, Id } from '#domain/model.ts';
import { ReplaceNotificationSettingsInput } from '#domain/notification-settings.ts';
import { route } from '../../route.ts';
import { READ, WRITE } from '../../schemas.ts';

const unitParams = z.strictObject({
  get unitId() {
    return Id.clone().register(z.globalRegistry, {
      param: { name: 'unitId', in: 'path', description: 'Unit id.' },
    });
  },
});
const deskParams = z.strictObject({
  get desk() {
    return HqDesk.clone().register(z.globalRegistry, {
      param: { name: 'desk', in: 'path', description: 'A headquarters desk: `commander` or `office`.' },
    });
  },
});
const settingsBody = ReplaceNotificationSettingsInput.clone().register(z.globalRegistry, {
  id: 'NotificationSettingsInput',
  description:
    "Replaces the recipient's settings: at most 5 e-mail addresses and 5 robot webhooks (WeCom on qyapi.weixin.qq.com, DingTalk on oapi.dingtalk.com, or a generic HTTPS URL on a public host, which receives the event's JSON). A webhook's `secret` (DingTalk signing) omitted keeps the stored one for the same URL; `null` removes it.",
});
const testBody = z.strictObject({}).register(z.globalRegistry, { id: 'NotificationTestInput' });
const example = {
  emails: ['duban@meilin.example.gov.cn'],
  webhooks: [
    {
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000',
      label: '项目群',
    },
    {
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=0000',
      secret: 'SEC0000000000',
    },
  ],
};

export const notificationSettingsRoutes = [
  route({
    method: 'GET',
    path: '/v1/units/{unitId}/notifications',
    operationId: 'getUnitNotifications',
    summary: "A unit's notification settings (e-mail addresses, robot webhooks)",
    auth: ['office', 'unit'],
    function: 'ApiOffice',
    params: unitParams,
    response: {
      status: 200,
      schema: 'NotificationSettings',
      description: 'The settings (empty lists when none are set); a signing secret only as a hint.',
    },
    errors: READ,
  }),
  route({
    method: 'POST',
    path: '/v1/units/{unitId}/notifications',
    operationId: 'replaceUnitNotifications',
    summary: "Replace a unit's notification settings",
    auth: ['office', 'unit'],
    function: 'ApiOffice',
    params: unitParams,
    body: settingsBody,
    example,
    response: {
      status: 200,
      schema: 'NotificationSettings',
      description: 'The settings as stored (audited on `NOTIFY#UNIT#<unitId>`).',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/units/{unitId}/notifications/test',
    operationId: 'testUnitNotifications',
    summary: "Send a test message to every address of a unit's settings",
    auth: ['office', 'unit'],
    function: 'ApiOffice',
    params: unitParams,
    body: testBody,
    example: {},
    response: {
      status: 200,
      schema: 'NotificationTestResult',
      description: 'How many addresses were sent to, and each that failed (a webhook by its host only).',
    },
    errors: WRITE,
  }),
  route({
    method: 'GET',
    path: '/v1/notifications/desks/{desk}',
    operationId: 'getDeskNotifications',
    summary: "A headquarters desk's notification settings",
    auth: ['office'],
    function: 'ApiOffice',
    params: deskParams,
    response: {
      status: 200,
      schema: 'NotificationSettings',
      description: 'The settings (empty lists when none are set); a signing secret only as a hint.',
    },
    errors: READ,
  }),
  route({
    method: 'POST',
    path: '/v1/notifications/desks/{desk}',
    operationId: 'replaceDeskNotifications',
    summary: "Replace a headquarters desk's notification settings",
    auth: ['office'],
    function: 'ApiOffice',
    params: deskParams,
    body: settingsBody,
    example,
    response: {
      status: 200,
      schema: 'NotificationSettings',
      description: 'The settings as stored (audited on `NOTIFY#DESK#<desk>`).',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/notifications/desks/{desk}/test',
    operationId: 'testDeskNotifications',
    summary: "Send a test message to every address of a desk's settings",
    auth: ['office'],
    function: 'ApiOffice',
    params: deskParams,
    body: testBody,
    example: {},
    response: {
      status: 200,
      schema: 'NotificationTestResult',
      description: 'How many addresses were sent to, and each that failed (a webhook by its host only).',
    },
    errors: WRITE,
  }),
] as const;
