/**
 * Working days in a year the calendar does not cover (issue 8): every function logs an error
 * with `errorCode: "calendar.not_covered"` when a limit reaches such a year (functions/app/
 * calendar.ts). A metric filter on each function's log group counts them as
 * `OneList/CalendarNotCovered`, and one alarm fires on the first: the office must load the
 * year's official holiday table (POST /v1/calendar/{year}).
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CALENDAR_NOT_COVERED } from '../../functions/domain/calendar.ts';

export const CALENDAR_METRIC = { namespace: 'OneList', metricName: 'CalendarNotCovered' } as const;

export interface CalendarCoverageAlarmProps {
  /** The log groups to watch, by function id. */
  readonly logGroups: ReadonlyMap<string, ILogGroup>;
  /** @default - none: the alarm is visible in CloudWatch only */
  readonly alarmActions?: readonly IAlarmAction[];
}

export class CalendarCoverageAlarm extends Construct {
  public readonly metric: Metric;
  public readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: CalendarCoverageAlarmProps) {
    super(scope, id);
    for (const [functionId, logGroup] of props.logGroups) {
      new MetricFilter(this, `${functionId}Filter`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.errorCode', '=', CALENDAR_NOT_COVERED),
        metricNamespace: CALENDAR_METRIC.namespace,
        metricName: CALENDAR_METRIC.metricName,
        metricValue: '1',
        // The matched field as the dimension: every datapoint is ErrorCode=calendar.not_covered.
        dimensions: { ErrorCode: '$.errorCode' },
      });
    }
    this.metric = new Metric({
      ...CALENDAR_METRIC,
      dimensionsMap: { ErrorCode: CALENDAR_NOT_COVERED },
      statistic: Stats.SUM,
      period: Duration.minutes(5),
    });
    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription:
        'A working-day limit reached a year the calendar does not cover: the office loads that year’s official holiday table (POST /v1/calendar/{year}); until then the commands answer 422 calendar.not_covered and the workflow steps fail.',
      metric: this.metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmActions) this.alarm.addAlarmAction(...props.alarmActions);
  }
}
