/**
 * Definition validation with asl-validator (the checks AWS applies on CreateStateMachine
 * that matter locally: schema, transitions, reachability, paths, ARNs), so a broken
 * workflow fails when it is loaded, not half-way through an execution.
 */
import { createRequire } from 'node:module';
import { SfnApiError } from './errors.ts';
import { isJsonObject, type JsonObject } from './json.ts';

interface ValidationResult {
  readonly isValid: boolean;
  errorsText(separator?: string): string;
}
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => ValidationResult;

// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/**
 * Verdicts by definition text. asl-validator compiles its JSON schemas on every call
 * (about half a second), and the same definitions are created again and again.
 */
const verdicts = new Map<string, string>();

/** Parses and validates a definition; throws InvalidDefinition with every problem found. */
export function validateDefinition(definition: string | object): JsonObject {
  let parsed: unknown = definition;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch (err) {
      throw new SfnApiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: not JSON (${(err as Error).message})`,
      );
    }
  }
  if (!isJsonObject(parsed))
    throw new SfnApiError('InvalidDefinition', 'Invalid State Machine Definition: not an object');
  const key = JSON.stringify(parsed);
  let problems = verdicts.get(key);
  if (problems === undefined) {
    // The validator annotates the object it checks; give it a copy.
    const result = aslValidator(structuredClone(parsed), { checkPaths: true, checkArn: true });
    problems = result.isValid ? '' : result.errorsText('; ');
    verdicts.set(key, problems);
  }
  if (problems) {
    throw new SfnApiError('InvalidDefinition', `Invalid State Machine Definition: ${problems}`);
  }
  return parsed;
}
