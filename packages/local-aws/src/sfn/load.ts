/**
 * Reads an ASL file and applies `${Name}` substitutions the way CDK's
 * `definitionSubstitutions` (CloudFormation DefinitionSubstitutions) do, so the local
 * engine runs byte-for-byte what AWS runs, only with local ARNs and names.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Replaces `${Name}` placeholders; fails on any placeholder without a substitution. */
export function substitute(
  text: string,
  substitutions: Readonly<Record<string, string>>,
  source = 'definition',
): string {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, key: string) => {
    if (Object.hasOwn(substitutions, key)) return substitutions[key] as string;
    missing.add(key);
    return whole;
  });
  if (missing.size > 0) {
    throw new Error(`${source}: no substitution for ${[...missing].map((k) => `\${${k}}`).join(', ')}`);
  }
  return out;
}

/**
 * Loads an ASL file (absolute, or relative to the working directory) with substitutions applied
 * and returns the definition text, checked to be JSON.
 */
export function loadDefinition(file: string, substitutions: Readonly<Record<string, string>> = {}): string {
  const path = resolve(file);
  const text = substitute(readFileSync(path, 'utf8'), substitutions, file);
  try {
    JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON after substitution (${(err as Error).message})`);
  }
  return text;
}
