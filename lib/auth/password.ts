import 'server-only';

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes as `scrypt$N$r$p$<salt b64>$<hash b64>`. scrypt is memory-hard, so guessing at a
 * leaked table costs an attacker memory as well as time, and it ships with Node. Parameters travel
 * with each hash: raising them later leaves existing hashes verifiable.
 */

interface Params {
  N: number;
  r: number;
  p: number;
}

/** About 50–100 ms and 32 MiB per hash on a server core: slow for guessing, fine for a sign-in. */
const CURRENT: Params = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash is trusted data, but bounded anyway so a bad row can't make a verify eat the server. */
const MAX_N = 2 ** 20;

function derive(plain: string, salt: Buffer, params: Params, length: number): Promise<Buffer> {
  const options: ScryptOptions = {
    ...params,
    // Node refuses above 32 MiB by default; scrypt needs 128·N·r bytes plus some headroom.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, CURRENT, KEY_BYTES);
  const { N, r, p } = CURRENT;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { N, r, p }, salt, key };
}

/** True when `plain` is the password `stored` was made from. Never throws on a malformed hash. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await derive(plain, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of nothing anyone knows, with the current parameters, to verify against when an email has
 * no account: the answer then takes as long as for a real account, so timing doesn't reveal which
 * accounts exist. Made once per process (sign-in.ts starts it when it loads, so no request waits).
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64'));
  return dummy;
}
