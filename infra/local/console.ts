/**
 * The web console on the local gateway: the built single-page app (web/dist) at the root,
 * with index.html for any path that is no file (client-side routes), and the local sign-in
 * exchange at /local/sign-in, and the console's runtime configuration at /config.json (local
 * sign-in, the API at the same origin). These exist only here: on AWS CloudFront serves the console
 * and the identity provider signs users in; the deployed API has no token-minting route.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Role } from '../../functions/domain/model.ts';
import { CONFIG_PATH, localConsoleConfig } from '../resources/console.ts';
import { PEOPLE, UNITS } from './demo/catalog.ts';
import { mintToken } from './identity.ts';

export { CONSOLE_DIR, consoleStale, ensureConsoleBuilt, WEB_ROOT } from '../resources/console.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a GET or HEAD for a console path from `dir`: the file if there is one, else
 * index.html (the app routes it). Hashed assets are cached for a year, index.html never.
 * Returns false when the request is not the console's (another method, or no build).
 */
export function serveConsole(dir: string, req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  if (path === CONFIG_PATH) {
    // The runtime configuration of a local run (on AWS the deploy writes it into the bucket).
    const body = JSON.stringify(localConsoleConfig());
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '/';
  }
  const file = normalize(join(dir, decoded));
  const inside = file.startsWith(dir + sep);
  const isFile = inside && existsSync(file) && statSync(file).isFile();
  const target = isFile ? file : index;
  const type = TYPES[extname(target)] ?? 'application/octet-stream';
  const body = readFileSync(target);
  const hashed = isFile && decoded.startsWith('/assets/');
  res.writeHead(isFile || !extname(decoded) ? 200 : 404, {
    'content-type': type,
    'content-length': String(body.length),
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

export interface LocalIdentity {
  readonly role: Role;
  readonly unitId?: string;
  readonly personId?: string;
  readonly label: string;
  readonly labelZh: string;
}

/** Every demo identity: each headquarters role, each unit, each project manager. */
export function localIdentities(): LocalIdentity[] {
  const unitsById = new Map(UNITS.map((u) => [u.unitId, u]));
  return [
    { role: 'commander', label: 'Commander (headquarters)', labelZh: '总指挥（指挥部）' },
    { role: 'office', label: 'Supervision office', labelZh: '督查督办办公室' },
    { role: 'inspector', label: 'Discipline inspector', labelZh: '纪检监察' },
    ...UNITS.map((u) => ({ role: 'unit' as const, unitId: u.unitId, label: u.name, labelZh: u.nameZh })),
    ...PEOPLE.map((p) => {
      const u = unitsById.get(p.unitId);
      return {
        role: 'manager' as const,
        unitId: p.unitId,
        personId: p.personId,
        label: `${p.name}, ${u?.name ?? p.unitId}`,
        labelZh: `${p.name}（${u?.nameZh ?? p.unitId}项目经理）`,
      };
    }),
  ];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/**
 * GET /local/sign-in lists the identities; POST /local/sign-in with one of them
 * (`{ role, unitId?, personId? }`) answers `{ token }`, a local token minted like
 * `npm run token`. Anything else under /local answers 404.
 */
export async function localSignIn(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (path !== '/local/sign-in') return json(res, 404, { error: { code: 'route.not_found', message: path } });
  if (method === 'GET') return json(res, 200, { identities: localIdentities() });
  if (method !== 'POST') {
    return json(res, 405, { error: { code: 'route.method_not_allowed', message: method } });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 4096)
      return json(res, 413, { error: { code: 'request.too_large', message: 'at most 4096 bytes' } });
    chunks.push(c as Buffer);
  }
  let body: { role?: unknown; unitId?: unknown; personId?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
  } catch {
    return json(res, 400, { error: { code: 'request.invalid_json', message: 'the body is not JSON' } });
  }
  const id = localIdentities().find(
    (i) =>
      i.role === body.role &&
      (i.unitId ?? null) === (body.unitId ?? null) &&
      (i.personId ?? null) === (body.personId ?? null),
  );
  if (!id) {
    return json(res, 400, {
      error: {
        code: 'sign_in.unknown_identity',
        message: 'not one of the listed demo identities',
        field: 'role',
      },
    });
  }
  const token = await mintToken({
    role: id.role,
    ...(id.unitId ? { unitId: id.unitId } : {}),
    ...(id.personId ? { personId: id.personId } : {}),
  });
  return json(res, 200, { token });
}
