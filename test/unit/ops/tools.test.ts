/** Operator tooling, pure parts: execution names to subjects, and the one-line failure hints. */
import { describe, expect, it } from 'vitest';
import { inquiryExecutionName } from '../../../functions/app/reconcile.ts';
import { subjectOf } from '../../../infra/ops/executions.ts';
import { hint, ToolError } from '../../../scripts/tool.ts';

describe('execution names', () => {
  it('name the item or order of every generation', () => {
    expect(subjectOf('2022-T-05--g3')).toBe('item 2022-T-05');
    expect(subjectOf(inquiryExecutionName('2022-INQ-0007'))).toBe('order 2022-INQ-0007');
    expect(subjectOf(inquiryExecutionName('2022-INQ-0007', 2))).toBe('order 2022-INQ-0007');
    expect(inquiryExecutionName('2022-INQ-0007', 2)).toBe('inquiry-2022-INQ-0007--g2');
  });
});

describe('failure hints', () => {
  it('one line for nothing answering, wrapped or not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(hint(refused)).toMatch(/^nothing answers at .*npm start/);
    expect(hint(new Error('request failed', { cause: refused }))).toMatch(/^nothing answers/);
    expect(hint(new AggregateError([refused]))).toMatch(/^nothing answers/);
  });

  it('the tool’s own message, or the error’s name and message, never a stack', () => {
    expect(hint(new ToolError('no Evaluation state machine found'))).toBe(
      'no Evaluation state machine found',
    );
    const other = hint(new TypeError('bad'));
    expect(other).toBe('TypeError: bad');
    expect(other).not.toContain('\n');
  });
});
