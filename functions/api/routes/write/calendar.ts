import { packageTable } from '#domain/calendar.ts';
import { bodies } from '../../bodies.ts';
import { route } from '../../route.ts';
import { params, WRITE_NO_LOOKUP } from '../../schemas.ts';

export const calendarRoutes = [
  route({
    method: 'POST',
    path: '/v1/calendar/{year}',
    operationId: 'loadCalendarYear',
    summary: "Load the year's official holiday table (a new version, used ahead of the bundled package)",
    auth: ['office'],
    function: 'ApiWrite',
    get params() {
      return params.calendarYear;
    },
    get body() {
      return bodies.CalendarTableInput;
    },
    // Read off the package's 2022 data only when the document is built, not at a cold start.
    get example() {
      return {
        reference: 'http://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
        holidays: packageTable(2022)?.holidays ?? [],
        makeUpWorkdays: packageTable(2022)?.makeUpWorkdays ?? [],
      };
    },
    response: {
      status: 201,
      schema: 'CalendarYear',
      description:
        'The table stored as the next version of the year and in force at once (audited on `CALENDAR#<year>`); every date must fall in the year.',
    },
    errors: WRITE_NO_LOOKUP,
  }),
] as const;
