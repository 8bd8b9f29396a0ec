import { CfnResource, type Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { CONTROL_TOWER_ACKNOWLEDGEMENTS } from '../../infra/constructs/control-tower.ts';
import { routes } from '../../infra/resources/routes.ts';
import { CONSOLE_FIXTURE, cdkJsonContext, fixtureDeclarations } from './support.ts';

// The cdk.json context, as under `cdk synth`. Bundling is irrelevant to the rules: skip esbuild.
const context = (stage: string) => ({ ...cdkJsonContext(), stage, 'aws:cdk:bundling-stacks': [] });

// A full synthesis runs cdk-nag and the Control Tower rules (cfn-guard): minutes on a busy machine.
describe('cdk-nag (AwsSolutions) and Control Tower controls through CDK policy validation', {
  timeout: 400_000,
}, () => {
  // The dev stage (cdk.json's default) is `npm run synth`, CI's last step: the same app, the
  // same plugins, with bundling. Here the production stage, whose settings differ (MFA,
  // retention, alarms), so a finding of either stage fails CI without a third synthesis.
  it('the app (prod, real declarations) synthesises with no unacknowledged finding', () => {
    const { app } = createApp({ consoleAssetDir: CONSOLE_FIXTURE, context: context('prod') });
    // Synthesis runs the AwsSolutionsChecks plugin and throws on any unacknowledged finding.
    expect(() => app.synth()).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('fixture state machines and functions pass too (their acknowledgements are exercised)', () => {
    const { app } = createApp({
      consoleAssetDir: CONSOLE_FIXTURE,
      context: context('prod'),
      declarations: fixtureDeclarations,
    });
    expect(() => app.synth()).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('an unacknowledged error fails synthesis', () => {
    // The small fixture app: the plugins are the same, the synthesis a quarter of the real one.
    const { app, stack } = createApp({
      consoleAssetDir: CONSOLE_FIXTURE,
      context: context('dev'),
      declarations: fixtureDeclarations,
      builtinCloudFormationValidation: false,
    });
    new Queue(stack as Stack, 'UnencryptedQueueWithoutDlq');
    let report = '';
    try {
      app.synth();
    } catch (err) {
      report = String((err as Error).message);
    }
    // Both plugins report it: cdk-nag, and the Control Tower control (a queue without a DLQ).
    expect(report).toMatch(/AwsSolutions-SQS3|AwsSolutions-SQS4/);
    expect(report).toMatch(/CT\.SQS\.PR\.1|sqs_dlq_check/);
  });

  it('a circular dependency between resources fails synthesis (built-in CloudFormation validation)', () => {
    const { app, stack } = createApp({
      consoleAssetDir: CONSOLE_FIXTURE,
      context: context('dev'),
      declarations: fixtureDeclarations,
    });
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

  it.each([
    ['real', undefined],
    ['fixture', fixtureDeclarations],
  ] as const)(
    'acknowledgements (%s declarations) carry a reason and name one finding on one resource',
    (_name, declarations) => {
      const { app } = createApp({ consoleAssetDir: CONSOLE_FIXTURE, context: context('prod'), declarations });
      const acks: { id: string; reason: string; path: string; isResource: boolean }[] = [];
      const visit = (node: typeof app.node.root): void => {
        for (const entry of node.node.metadata) {
          if (entry.type === 'aws:cdk:acknowledged-rules') {
            for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
              // aws-cdk-lib prefixes rule ids with `Annotation::` (`annotation::` before 2.262.1).
              const id = key.replace(/^annotation::/i, '');
              acks.push({ id, reason, path: node.node.path, isResource: CfnResource.isCfnResource(node) });
            }
          }
        }
        for (const child of node.node.children) visit(child);
      };
      visit(app);
      expect(acks.length).toBeGreaterThan(0);
      for (const { id, reason, path, isResource } of acks) {
        // Either one finding of a multi-finding rule (IAM5[Resource::<arn>]) or a whole-resource
        // rule acknowledged on that CloudFormation resource itself (not on a parent construct).
        // cdk-nag rules, or Control Tower rules (infra/constructs/control-tower.ts, with its reasons).
        expect(id).toMatch(/^(AwsSolutions-[A-Z]+\d+(\[.+\])?|cdk-validator-cfnguard::[a-z0-9_]+)$/);
        if (id.startsWith('cdk-validator-cfnguard::')) {
          expect(Object.keys(CONTROL_TOWER_ACKNOWLEDGEMENTS)).toContain(id.split('::')[1]);
        }
        if (!id.includes('[')) expect(isResource, `${id} on ${path}`).toBe(true);
        expect(reason.length).toBeGreaterThan(40);
      }
      if (!declarations) {
        // The whole-resource acknowledgements of the real app, and nothing else.
        const plain = acks.filter((a) => !a.id.includes('[')).map((a) => a.id);
        const counts = Object.fromEntries(
          [...new Set(plain)].map((id) => [id, plain.filter((x) => x === id).length]),
        );
        expect(counts).toEqual({
          'AwsSolutions-APIG4': routes.filter((r) => r.auth === 'public').length,
          // No COG2: prod requires MFA. (The Control Tower acknowledgements made by an aspect
          // appear only during synthesis; the dead-letter queue's is made directly.)
          // Three dead-letter queues: the schedules', the notification queue's and its rule target's.
          'AwsSolutions-SQS3': 3,
          'cdk-validator-cfnguard::sqs_dlq_check': 3,
          // The console: its bucket (static public files), its distribution (no geo restriction,
          // WAF, access logs; the default certificate's TLS: no consoleDomain in cdk.json), and
          // aws-cdk-lib's BucketDeployment handler (its runtime).
          // And the evidence bucket's access-log bucket (S1); the Control Tower rules the
          // evidence bucket and its log bucket cannot meet (control-tower.ts FILE_BUCKET_ACKNOWLEDGEMENTS).
          'AwsSolutions-S1': 2,
          'cdk-validator-cfnguard::s3_event_notifications_enabled_check': 2,
          'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check': 2,
          'cdk-validator-cfnguard::s3_bucket_logging_enabled_check': 1,
          'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check': 1,
          'AwsSolutions-CFR1': 1,
          'AwsSolutions-CFR2': 1,
          'AwsSolutions-CFR3': 1,
          'AwsSolutions-CFR4': 1,
          'AwsSolutions-CFR5': 1,
          'AwsSolutions-L1': 1,
        });
      }
    },
  );
});
