/**
 * The one declaration of the EventBridge bus of the domain events (issue 13 §5; the events are
 * functions/domain/events.ts). CDK creates the custom bus; a function that `publishes` to it
 * gets its name in `envVar` and `events:PutEvents` on this bus only. Locally the bus is the
 * endpoint in `AWS_ENDPOINT_URL_EVENTBRIDGE` (the local bus emulator) and the name is the same.
 */
export interface BusDeclaration {
  readonly id: string;
  readonly description: string;
  /** The variable holding the bus's name in the environment of the functions that publish. */
  readonly envVar: string;
  /** The name the local runtime uses (CloudFormation names the deployed bus). */
  readonly localName: string;
}

export const domainEventBus: BusDeclaration = {
  id: 'DomainEvents',
  description: 'Domain events of One List (source one-list; detail-type = the event type)',
  envVar: 'DOMAIN_EVENT_BUS_NAME',
  localName: 'one-list-domain-events',
};

export const buses: readonly BusDeclaration[] = [domainEventBus];
