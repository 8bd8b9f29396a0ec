/** ApiRead (signed-in reads) routes — the working-day calendar and the rules in force. */
import * as z from 'zod/mini';
import { ALL, route } from '../../route.ts';
import { params, query } from '../../schemas.ts';

export const calendarRoutes = [
  route({
    method: 'GET',
    path: '/v1/calendar/{year}',
    operationId: 'getCalendarYear',
    summary: 'The working-day calendar of a year: holidays, make-up workdays, where they come from, versions',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.calendarYear;
    },
    response: {
      status: 200,
      schema: 'CalendarYear',
      description:
        'What counts as a working day in the year and where it comes from (an official table loaded by the office, or the bundled package), with every version loaded.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/rules',
    operationId: 'rulesInForce',
    summary:
      "The rules in force: working-day limits, the lights' and the evaluation's thresholds, the grading rule set, the calendar of the year and whether the next year's is loaded",
    auth: ALL,
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
      });
    },
    response: {
      status: 200,
      schema: 'RulesInForce',
      description:
        'The rules in force for the year (the current one unless `year` is given): the working-day limits, the lights’ and the evaluation’s thresholds, the grading rule set (scores, points, eligibilities), and the working-day calendar of the year and of the next one. Read by every signed-in role: it is no unit’s record, and every unit works by it.',
    },
    errors: [400],
  }),
] as const;
