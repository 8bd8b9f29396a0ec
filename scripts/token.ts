/**
 * Prints a local ID token, signed with the key the local gateway trusts (.data/keys/):
 *
 *   npm run -s token -- --role unit --unit meilin [--person p-meilin-1] [--sub id] [--expires 12h]
 *
 * The only way to get a token locally, by design: no HTTP route mints them.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../functions/domain/model.ts';
import { mintToken } from '../infra/local/identity.ts';

const USAGE = `usage: npm run -s token -- --role <${ROLES.join('|')}> [--unit <unitId>] [--person <personId>] [--sub <id>] [--expires <12h|seconds>]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        unit: { type: 'string' },
        person: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const role = values.role;
if (!role || !(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role === 'unit' && !values.unit) fail('a unit token needs --unit');
if (role === 'manager' && !values.person) fail('a manager token needs --person');
const expires = values.expires && /^\d+$/.test(values.expires) ? Number(values.expires) : values.expires;

console.log(
  await mintToken({
    role: role as Role,
    ...(values.unit ? { unitId: values.unit } : {}),
    ...(values.person ? { personId: values.person } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    ...(expires !== undefined ? { expiresIn: expires } : {}),
  }),
);
