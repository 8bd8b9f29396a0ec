/**
 * The Powertools Metrics instance of a function that emits application metrics (Relay,
 * Reconcile, Workflow), in the namespace of the declarations (infra/resources/monitoring.ts,
 * which the alarms derive from; the handlers name the metrics from there too). Each handler
 * makes one and wraps itself in middy's `logMetrics(metrics)`, which writes what the
 * invocation added as one CloudWatch embedded-metric-format line on stdout when it ends.
 *
 * Only inside a Lambda function (`AWS_LAMBDA_FUNCTION_NAME` set): the local engine, the
 * tests, `npm start`, the scripts and the bench run the same handlers in-process, and an EMF
 * line there is noise on stdout (and would spoil the bench's `--json` output). Outside Lambda
 * `POWERTOOLS_METRICS_DISABLED` defaults to true (Powertools' own switch; set it to false to
 * see the lines locally). Disabled, the instance still records: `serializeMetrics()` shows
 * what would be written.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '#resources/monitoring.ts';

type MetricsLogger = NonNullable<NonNullable<ConstructorParameters<typeof Metrics>[0]>['logger']>;

/** Powertools' warning for an invocation that added no metric (most Workflow steps): expected. */
const NO_METRICS = 'No application metrics to publish';

/**
 * Powertools' own warnings (an invalid dimension, a missing namespace) go to the function's
 * logger, as structured lines; the one about an invocation without metrics is dropped.
 */
function powertoolsLogger(logger: Logger): MetricsLogger {
  const text = (a: unknown[]) => a.map(String).join(' ');
  return {
    trace: (...a: unknown[]) => logger.trace(text(a)),
    debug: (...a: unknown[]) => logger.debug(text(a)),
    info: (...a: unknown[]) => logger.info(text(a)),
    warn: (...a: unknown[]) => {
      if (!text(a).startsWith(NO_METRICS)) logger.warn(text(a));
    },
    error: (...a: unknown[]) => logger.error(text(a)),
  };
}

export function applicationMetrics(options: {
  /** The `service` dimension when POWERTOOLS_SERVICE_NAME is not set (the stack sets it). */
  readonly fallbackService: string;
  readonly logger: Logger;
}): Metrics {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? options.fallbackService,
    logger: powertoolsLogger(options.logger),
  });
}
