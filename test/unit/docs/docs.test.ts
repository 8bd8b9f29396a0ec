/** README.md and ARCHITECTURE.md stay true to the declarations they describe. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/resources/routes.ts';
import { stateMachines } from '../../../infra/resources/state-machines.ts';
import { tables } from '../../../infra/resources/tables.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const architecture = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');

describe('README.md', () => {
  it('lists every declared route with its roles', () => {
    for (const r of routes) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${r.method} ${r.path}\` |`));
      expect(row, `${r.method} ${r.path}`).toBeDefined();
      const roles = r.auth === 'public' ? ['public'] : r.auth;
      for (const role of roles) expect(row, `${r.method} ${r.path}`).toContain(role);
    }
  });

  it('gives the quick start and the test command', () => {
    expect(readme).toContain('npm ci\nnpm start');
    expect(readme).toContain('npm test');
  });
});

describe('ARCHITECTURE.md', () => {
  it('names every table, index and state machine file', () => {
    for (const t of tables) {
      expect(architecture).toContain(t.logicalId);
      for (const gsi of t.globalSecondaryIndexes) expect(architecture).toContain(gsi.indexName);
    }
    for (const sm of stateMachines) expect(architecture).toContain(sm.file.replace('statemachines/', ''));
  });
});
