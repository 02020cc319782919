import { describe, expect, it } from 'vitest';

import { dummyPasswordHash, hashPassword, verifyPassword } from './password';

describe('password hashes', () => {
  it('are scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1 and a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('$')[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(a.split('$')[5]!, 'base64')).toHaveLength(32);
  });

  it('verify the password they were made from, and nothing else', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery ', stored)).toBe(false);
  });

  it('verify with the parameters stored in the hash, so old hashes keep working after a change', async () => {
    const stored = await hashPassword('pw-with-old-params');
    const [, , r, p, salt] = stored.split('$');
    // Re-derive the same password at N=2^14 by hand, as an older version of this module would have.
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('pw-with-old-params', Buffer.from(salt!, 'base64'), 32, { N: 2 ** 14, r: 8, p: 1 });
    const older = ['scrypt', 2 ** 14, r, p, salt, key.toString('base64')].join('$');
    expect(await verifyPassword('pw-with-old-params', older)).toBe(true);
  });

  it('treat Unicode compositions of one password as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-password');
    expect(await verifyPassword('cafe\u0301-password', stored)).toBe(true);
  });

  it('reject malformed or out-of-bounds stored values without throwing', async () => {
    const good = await hashPassword('x');
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain-text-password',
      good.replace('scrypt', 'bcrypt'),
      ['scrypt', 1000, r, p, salt, key].join('$'), // N not a power of two
      ['scrypt', 2 ** 24, r, p, salt, key].join('$'), // N too large to spend on
      ['scrypt', 2 ** 15, 0, p, salt, key].join('$'),
      ['scrypt', 2 ** 15, r, p, '', key].join('$'),
      `${good}$extra`,
    ]) {
      await expect(verifyPassword('x', bad)).resolves.toBe(false);
    }
  });

  it('have a dummy to verify unknown emails against, at the same cost as a real one', async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toBe(await dummyPasswordHash());
    expect(dummy.split('$').slice(0, 4)).toEqual((await hashPassword('x')).split('$').slice(0, 4));
    expect(await verifyPassword('', dummy)).toBe(false);
  });
});
