/** The embedded-metric-format lines of the application's metrics (functions/lib/metrics.ts). */
import { describe, expect, it } from 'vitest';
import { handOverLine } from '../../../functions/app/workflow.ts';
import { emfLine } from '../../../functions/lib/metrics.ts';
import { WORKFLOW_HAND_OVERS } from '../../../infra/resources/monitoring.ts';

describe('embedded-metric-format lines', () => {
  it('declare the metric with exactly the given dimensions and carry the value and context beside them', () => {
    const line = JSON.parse(
      emfLine({ namespace: 'NS', metricName: 'M', unit: 'Count' }, { a: 'x', b: 'y' }, 3, { note: 'n' }, 7),
    );
    expect(line).toEqual({
      _aws: {
        Timestamp: 7,
        CloudWatchMetrics: [
          { Namespace: 'NS', Dimensions: [['a', 'b']], Metrics: [{ Name: 'M', Unit: 'Count' }] },
        ],
      },
      a: 'x',
      b: 'y',
      M: 3,
      note: 'n',
    });
  });

  it('count a hand-over once, by service and reason, naming both generations', () => {
    const line = JSON.parse(
      handOverLine(
        {
          subject: 'item',
          id: 'i1',
          executionName: 'item-i1',
          stateMachineArn: 'arn:sm',
          reason: 'lifetime',
        },
        'item-i1--g2',
        'one-list-workflow',
        0,
      ),
    );
    expect(line._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: WORKFLOW_HAND_OVERS.namespace,
      Dimensions: [['service', 'reason']],
      Metrics: [{ Name: 'WorkflowHandOvers', Unit: 'Count' }],
    });
    expect(line).toMatchObject({
      service: 'one-list-workflow',
      reason: 'lifetime',
      WorkflowHandOvers: 1,
      from: 'item-i1',
      to: 'item-i1--g2',
    });
  });
});
