/**
 * CloudWatch embedded-metric-format (EMF) lines: one JSON line on stdout, which CloudWatch
 * turns into a metric in a Lambda function's log. Written by hand, as the EMF specification
 * gives it, for the application's two metrics (LostWorkflows, WorkflowHandOvers; declared in
 * infra/resources/monitoring.ts): Powertools Metrics is not among the dependencies yet.
 */

export interface EmfMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly unit: string;
}

/**
 * The line for one value of `metric` with `dimensions` (their names and values), plus
 * `context` fields that are logged with it but are not dimensions.
 */
export function emfLine(
  metric: EmfMetric,
  dimensions: Readonly<Record<string, string>>,
  value: number,
  context: Readonly<Record<string, unknown>> = {},
  at = Date.now(),
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        {
          Namespace: metric.namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: [{ Name: metric.metricName, Unit: metric.unit }],
        },
      ],
    },
    ...dimensions,
    [metric.metricName]: value,
    ...context,
  });
}

/** Writes the line where CloudWatch reads it: in a Lambda function only (elsewhere nothing). */
export function emitEmf(line: () => string): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  process.stdout.write(`${line()}\n`);
}
