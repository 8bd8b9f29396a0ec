import type { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { fixtureDeclarations } from './support.ts';

// Bundling is irrelevant to the rules: skip esbuild here.
const context = (stage: string) => ({ stage, 'aws:cdk:bundling-stacks': [] });

describe('cdk-nag (AwsSolutions) through CDK policy validation', () => {
  it.each(['dev', 'prod'])(
    'the app (%s, real declarations) synthesises with no unacknowledged finding',
    (stage) => {
      const { app } = createApp({ context: context(stage) });
      // Synthesis runs the AwsSolutionsChecks plugin and throws on any unacknowledged finding.
      expect(() => app.synth()).not.toThrow();
      expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    },
  );

  it('fixture state machines and functions pass too (their acknowledgements are exercised)', () => {
    const { app } = createApp({ context: context('prod'), declarations: fixtureDeclarations });
    expect(() => app.synth()).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('an unacknowledged error fails synthesis', () => {
    const { app, stack } = createApp({ context: context('dev'), builtinCloudFormationValidation: false });
    new Queue(stack as Stack, 'UnencryptedQueueWithoutDlq');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|AwsSolutions-SQS4/);
  });

  it('a circular dependency between resources fails synthesis (built-in CloudFormation validation)', () => {
    const { app, stack } = createApp({ context: context('dev'), declarations: fixtureDeclarations });
    const fn = stack.functions.get('FixtureStep');
    const machine = stack.stateMachines.get('CdkFixture');
    if (!fn || !machine) throw new Error('fixture not built');
    // The naive grant: into the role's default policy, on which the function depends.
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [machine.stateMachine.stateMachineArn],
      }),
    );
    expect(() => app.synth()).toThrow(/Circular dependency/);
  });

  it('acknowledgements carry a reason and name one finding', () => {
    const { app } = createApp({ context: context('prod'), declarations: fixtureDeclarations });
    const acks: { id: string; reason: string }[] = [];
    const visit = (node: typeof app.node.root): void => {
      for (const entry of node.node.metadata) {
        if (entry.type === 'aws:cdk:acknowledged-rules') {
          for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
            acks.push({ id, reason });
        }
      }
      for (const child of node.node.children) visit(child);
    };
    visit(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const { id, reason } of acks) {
      expect(id).toMatch(/AwsSolutions-[A-Z]+\d+\[.+\]$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});
