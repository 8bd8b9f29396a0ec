/** README.md's route table is the one the route declarations generate (scripts/readme-routes.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/resources/routes.ts';
import { README, routesTable, withRoutesTable } from '../../../scripts/readme-routes.ts';

const readme = readFileSync(README, 'utf8');

describe('README.md’s route table', () => {
  it('is the generated one (run `npm run readme:routes` after changing a route)', () => {
    expect(readme).toBe(withRoutesTable(readme));
  });

  it('has a row per route with its summary and roles, and a table edited by hand is not', () => {
    const table = routesTable();
    expect(table.split('\n')).toHaveLength(routes.length + 2);
    const unit = routes.find((r) => r.operationId === 'createUnit')!;
    expect(table).toContain(`| \`POST /v1/units\` | ${unit.summary} | office |`);
    const edited = readme.replace(
      '| `POST /v1/units` | Create a unit | office |',
      '| `POST /v1/units` | Create a unit | office, unit |',
    );
    expect(edited).not.toBe(readme);
    expect(withRoutesTable(edited)).toBe(readme);
  });
});
