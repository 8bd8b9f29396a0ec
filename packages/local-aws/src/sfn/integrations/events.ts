/** EventBridge: `arn:aws:states:::events:putEvents`, recorded on the engine's LocalEventBus. */
import { TaskError } from '../errors.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import type { IntegrationContext } from './types.ts';

function optionalString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function putEvents(params: JsonValue, context: IntegrationContext): JsonValue {
  const entries = isJsonObject(params) ? params.Entries : undefined;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
    throw new TaskError(
      'EventBridge.ValidationException',
      'events:putEvents needs Parameters.Entries with 1 to 10 entries',
    );
  }
  const results = entries.map((entry) => {
    const e = isJsonObject(entry) ? entry : {};
    const published = context.services.events.publish({
      time: context.services.clock.now(),
      source: optionalString(e.Source),
      detailType: optionalString(e.DetailType),
      detail: e.Detail,
      eventBusName: optionalString(e.EventBusName) ?? 'default',
      resources: Array.isArray(e.Resources)
        ? e.Resources.filter((r): r is string => typeof r === 'string')
        : undefined,
      executionArn: context.executionArn,
    });
    return { EventId: published.eventId };
  });
  return { Entries: results, FailedEntryCount: 0 };
}
