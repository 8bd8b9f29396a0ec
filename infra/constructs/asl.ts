/**
 * Reading Amazon States Language files as they are deployed: the raw text (with its
 * `${Name}` definition-substitution placeholders) and the names of every state, including
 * states nested in Parallel branches and Map item processors.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface AslFile {
  readonly path: string;
  readonly text: string;
  readonly definition: Record<string, unknown>;
}

export function readAslFile(path: string, usedBy: string): AslFile {
  if (!existsSync(path)) {
    throw new Error(
      `${usedBy}: ASL file ${path} does not exist (declared in infra/resources/state-machines.ts)`,
    );
  }
  const text = readFileSync(path, 'utf8');
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    throw new Error(`${usedBy}: ASL file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof definition !== 'object' || definition === null || !('States' in definition)) {
    throw new Error(`${usedBy}: ASL file ${path} has no top-level "States"`);
  }
  return { path, text, definition: definition as Record<string, unknown> };
}

/** `${Name}` placeholders Step Functions replaces with `DefinitionSubstitutions`. */
export function placeholders(text: string): ReadonlySet<string> {
  return new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string));
}

/** Every state name, depth first, including Parallel branches and Map processors. */
export function stateNames(definition: unknown): string[] {
  const names: string[] = [];
  const visitMachine = (machine: unknown): void => {
    if (typeof machine !== 'object' || machine === null) return;
    const states = (machine as { States?: unknown }).States;
    if (typeof states !== 'object' || states === null) return;
    for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
      names.push(name);
      if (typeof state !== 'object' || state === null) continue;
      const s = state as { Branches?: unknown; Iterator?: unknown; ItemProcessor?: unknown };
      if (Array.isArray(s.Branches)) for (const branch of s.Branches) visitMachine(branch);
      visitMachine(s.Iterator);
      visitMachine(s.ItemProcessor);
    }
  };
  visitMachine(definition);
  return names;
}
