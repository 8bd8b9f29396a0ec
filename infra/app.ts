/**
 * The CDK app (`cdk.json`: `node --import tsx infra/app.ts`).
 *
 * - Stage from context `stage` (`dev` | `prod`, default `dev`): `cdk synth -c stage=prod`.
 * - Deployment settings from context too (cdk.json, `-c key=value`): `corsOrigins`,
 *   `apiThrottleRateLimit`, `apiThrottleBurstLimit`, and the schedules' expressions
 *   (`evaluationSchedule`, `deadlineSweepSchedule`, `reconcileSchedule`, read through `scheduleExpression()`, as the
 *   local scheduler reads them).
 * - Environment-agnostic stack (no account/region, no lookups): synthesis needs no AWS
 *   credentials and no network; functions are bundled with the local esbuild.
 * - cdk-nag 3 (AwsSolutions) runs as a CDK policy-validation plugin. Every exception is an
 *   acknowledgement on the construct concerned, with its reason (see infra/constructs/nag.ts).
 *   Any unacknowledged finding, error or warning, fails synthesis: cdk-nag reports
 *   `success: false` and CDK stops with the report (exit code 1 under `cdk synth`).
 * - CDK's built-in CloudFormation template validation stays on, with its findings (e.g. a
 *   circular dependency) turned into errors.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type Declarations, OneListStack, parseStage } from './stack.ts';

export interface OneListAppOptions extends AppProps {
  /** @default - the declarations in infra/resources */
  readonly declarations?: Declarations;
  /** @default - web/dist, built when missing or stale (see OneListStackProps.consoleAssetDir) */
  readonly consoleAssetDir?: string;
}

export function createApp(options: OneListAppOptions = {}): { app: App; stack: OneListStack } {
  const { declarations, consoleAssetDir, ...appProps } = options;
  const app = new App(appProps);
  // CDK's built-in CloudFormation validation (on by default) reports problems such as
  // circular dependencies between resources as warnings only; make them fail synthesis.
  if (app.node.tryGetContext(VALIDATE_AGAINST_DEFAULT_RULES) === undefined) {
    app.node.setContext(VALIDATE_AGAINST_DEFAULT_RULES, true);
  }
  const stage = parseStage(app.node.tryGetContext('stage'));
  const stack = new OneListStack(app, `OneList-${stage}`, {
    stage,
    declarations,
    consoleAssetDir,
    description: `One List (${stage}): the one list and three orders accountability system.`,
  });
  Tags.of(app).add('project', 'one-list');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new CfnGuardValidator({ controlTowerRulesEnabled: true, maxBuffer: 64 * 1024 * 1024 }),
  );
  return { app, stack };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) createApp().app.synth();
