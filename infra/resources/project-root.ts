import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: `infra/resources` declare every path relative to it. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
