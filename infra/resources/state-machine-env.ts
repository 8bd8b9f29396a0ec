/**
 * The environment variables through which functions find the state machines (their ARNs, the
 * deployed definitions' hashes) and the hand-over limits. `state-machines.ts` declares each
 * machine with these names; they sit in their own module so that a Lambda bundle carries the
 * names and not the declarations (ASL files, substitutions, descriptions).
 */
export const STATE_MACHINE_ENV = {
  Inquiry: { arn: 'INQUIRY_STATE_MACHINE_ARN', definitionHash: 'INQUIRY_DEFINITION_HASH' },
  ItemLifecycle: {
    arn: 'ITEM_LIFECYCLE_STATE_MACHINE_ARN',
    definitionHash: 'ITEM_LIFECYCLE_DEFINITION_HASH',
  },
  Evaluation: { arn: 'EVALUATION_STATE_MACHINE_ARN' },
  Reconcile: { arn: 'RECONCILE_STATE_MACHINE_ARN' },
} as const;

/** Where the workflow function reads its hand-over limits (continue-as-new). */
export const HAND_OVER_ENV = {
  afterDays: 'WORKFLOW_HANDOVER_AFTER_DAYS',
  afterEvents: 'WORKFLOW_HANDOVER_AFTER_EVENTS',
} as const;
