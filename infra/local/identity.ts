/**
 * The product's local identities on the package's Cognito-style tokens: a role in
 * `cognito:groups`, the user's unit and person in `custom:unitId` and `custom:personId`, the
 * key pair under `.data/keys/` (git-ignored, generated on first use). Only the CLI
 * (`npm run token`), `npm start` and the tests mint tokens. The one HTTP exchange that hands
 * them out is the local sign-in page's (/local/sign-in, infra/local/console.ts), which only
 * `npm start`'s gateway serves: the API's routes have none, on AWS or here.
 */
import { join } from 'node:path';
import {
  type LocalKeys,
  localKeys as packageKeys,
  mintToken as packageMint,
  localVerifier as packageVerifier,
  type TokenVerifier,
} from '@one-list/local-aws';
import type { Role } from '../../functions/domain/model.ts';
import { projectRoot } from '../resources/project-root.ts';

export { LOCAL_AUDIENCE, LOCAL_ISSUER, TokenRejected, type TokenVerifier } from '@one-list/local-aws';

export const DEFAULT_KEY_DIR = join(projectRoot, '.data', 'keys');

export interface MintOptions {
  readonly role: Role;
  readonly unitId?: string;
  readonly personId?: string;
  /** The user's id; defaults to a readable one built from role, unit and person. */
  readonly sub?: string;
  /** Seconds or a jose time span (`'8h'`); negative seconds mint an already expired token. @default '12h' */
  readonly expiresIn?: number | string;
  readonly keyDir?: string;
}

/** An ID token as the user pool issues it to a user of this role (and unit, and person). */
export function mintToken(options: MintOptions): Promise<string> {
  return packageMint({
    sub: options.sub ?? ['local', options.role, options.unitId, options.personId].filter(Boolean).join('-'),
    groups: [options.role],
    attributes: { unitId: options.unitId, personId: options.personId },
    ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
    keyDir: options.keyDir ?? DEFAULT_KEY_DIR,
  });
}

export const localKeys = (dir: string = DEFAULT_KEY_DIR): LocalKeys => packageKeys(dir);

export const localVerifier = (keyDir: string = DEFAULT_KEY_DIR): TokenVerifier => packageVerifier(keyDir);
