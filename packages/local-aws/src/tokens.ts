/**
 * Local stand-in for a Cognito user pool: one RSA key pair kept in a folder the caller names
 * (generated on first use) signs ID tokens with the claim names Cognito puts in its tokens
 * (`cognito:groups`, `cognito:username`, `custom:<attribute>`, `token_use: id`), and verifies
 * them for the local gateway the way API Gateway's JWT authorizer verifies Cognito's.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/** Fixed for local use; the deployed API trusts the user pool's issuer and app client instead. */
export const LOCAL_ISSUER = 'https://one-list.local/cognito';
export const LOCAL_AUDIENCE = 'one-list-local-client';
const KEY_FILE = 'local-signing-key.pem';
const ALG = 'RS256';

export interface LocalKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Key id in the token header, derived from the public key so it changes with the key. */
  readonly kid: string;
}

const cache = new Map<string, LocalKeys>();

/**
 * Loads the key pair from `dir`, generating it on first use. The private key is written to
 * a temporary file and hard-linked into place, so two processes starting at once (parallel
 * test files, `npm start` next to `npm run token`) end up with one key, never a torn file.
 */
export function localKeys(dir: string): LocalKeys {
  const cached = cache.get(dir);
  if (cached) return cached;
  const file = join(dir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      // Another process won the race: use its key.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = `local-${Buffer.from(der).toString('base64url').slice(-16)}`;
  const keys = { privateKey, publicKey, kid };
  cache.set(dir, keys);
  return keys;
}

export interface MintOptions {
  /** The user's id (also `cognito:username`). */
  readonly sub: string;
  /** `cognito:groups`. */
  readonly groups: readonly string[];
  /** Custom user-pool attributes: each becomes the claim `custom:<name>`. */
  readonly attributes?: Readonly<Record<string, string | undefined>>;
  /** Seconds or a jose time span (`'8h'`); negative seconds mint an already expired token. @default '12h' */
  readonly expiresIn?: number | string;
  readonly keyDir: string;
}

/** Mints an ID token with Cognito's claim names. */
export async function mintToken(options: MintOptions): Promise<string> {
  const keys = localKeys(options.keyDir);
  const { sub } = options;
  const nowSec = Math.floor(Date.now() / 1000);
  const exp =
    typeof options.expiresIn === 'number' ? nowSec + options.expiresIn : (options.expiresIn ?? '12h');
  const payload: JWTPayload & Record<string, unknown> = {
    'cognito:groups': [...options.groups],
    'cognito:username': sub,
    token_use: 'id',
  };
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    if (value) payload[`custom:${name}`] = value;
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(typeof exp === 'number' && exp <= nowSec ? exp - 60 : nowSec)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .sign(keys.privateKey);
}

/** Why a token was refused, in words a client can act on (API Gateway says as little). */
export class TokenRejected extends Error {
  constructor(
    message: string,
    readonly reason: 'expired' | 'invalid',
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

/**
 * Seconds of clock skew allowed on `iat` and `nbf`. API Gateway's JWT authorizer documents
 * none ("iat – must be before the current time in UTC"), so neither does the local one; the
 * local minter and verifier share one clock.
 */
export const CLOCK_TOLERANCE_SECONDS = 0;

/** Verifies a bearer token and returns its claims; throws TokenRejected otherwise. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/**
 * A verifier with the JWT authorizer's checks: RS256 only, signed by the local key, the
 * local issuer and audience, not expired, not used before `nbf`, not issued in the future
 * (`iat`, which jose checks only with a maximum token age). A token signed by any other
 * key (a forged one) or with `alg: none` fails the signature check.
 */
export function localVerifier(keyDir: string): TokenVerifier {
  const { publicKey } = localKeys(keyDir);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: [ALG],
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
        throw new TokenRejected('the token is not valid (issued in the future)', 'invalid');
      }
      return payload as Record<string, unknown>;
    } catch (err) {
      if (err instanceof TokenRejected) throw err;
      if (err instanceof errors.JWTExpired) throw new TokenRejected('the token has expired', 'expired');
      if (err instanceof errors.JOSEError)
        throw new TokenRejected(`the token is not valid (${err.code})`, 'invalid');
      throw new TokenRejected('the token is not valid', 'invalid');
    }
  };
}
