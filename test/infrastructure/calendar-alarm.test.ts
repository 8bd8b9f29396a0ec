/**
 * The CalendarNotCovered alarm (infra/constructs/calendar-alarm.ts): a metric filter on every
 * function's log group counting the error log a working-day limit in an uncovered year writes
 * (`errorCode: "calendar.not_covered"`, functions/app/calendar.ts), and one alarm on the first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_NOT_COVERED } from '../../functions/domain/calendar.ts';
import { functions } from '../../infra/resources/functions.ts';
import { logicalIdOf, resourcesOfType, type Synthesised, synthesise } from './support.ts';

let s: Synthesised;
beforeAll(() => {
  s = synthesise({ stage: 'prod', bundle: false });
});

describe('CalendarNotCovered alarm', () => {
  it('counts the marker in the log group of every declared function', () => {
    const filters = resourcesOfType(s.json, 'AWS::Logs::MetricFilter');
    const onCalendar = filters.filter(([, f]) =>
      JSON.stringify(f.Properties?.MetricTransformations).includes('"MetricName":"CalendarNotCovered"'),
    );
    expect(onCalendar).toHaveLength(functions.length);
    for (const fn of functions) {
      const logGroup = logicalIdOf(s, `${fn.id}LogGroup`);
      const filter = onCalendar.find(
        ([, f]) => JSON.stringify(f.Properties?.LogGroupName) === `{"Ref":"${logGroup}"}`,
      );
      expect(filter, fn.id).toBeDefined();
      expect(filter?.[1].Properties).toMatchObject({
        FilterPattern: `{ $.errorCode = "${CALENDAR_NOT_COVERED}" }`,
        MetricTransformations: [
          { MetricNamespace: 'OneList', MetricName: 'CalendarNotCovered', MetricValue: '1' },
        ],
      });
    }
  });

  it('alarms on the first one', () => {
    const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Properties?.MetricName === 'CalendarNotCovered',
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      Namespace: 'OneList',
      Dimensions: [{ Name: 'ErrorCode', Value: CALENDAR_NOT_COVERED }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});
