import { describe, expect, it } from 'vitest';

import { customerIdFor } from '@/lib/customers/accounts';
import { newDevice, withPhone, type CustomerDevice } from '@/lib/customers/device';
import { requestOtp, verifyOtp } from '@/lib/customers/otp';
import { signInWithOtp } from '@/lib/customers/sign-in';
import { outboxSender, readOutboxFor } from '@/lib/sms/sender';
import { parseEnv } from '@/lib/env';
import { singletons } from '@/lib/server/singletons';

import { backendPairs, setUpBackends } from '../support/backend-matrix';

/**
 * Finding 1: with the demo outbox in production, /dev/outbox showed every code to every visitor,
 * so knowing a number was enough to sign in as it. Now a browser sees only the codes it asked for,
 * and a code for a number someone else already signed in with is shown to nobody.
 */
const PRODUCTION = { NODE_ENV: 'production', OTP_SECRET: 'outbox-visibility-secret-of-32-characters!' };

let counter = 0;
const freshPhone = () => `9170000${String((counter += 1)).padStart(5, '0')}`;
const codeIn = (body: string) => /^(\d{6}) /.exec(body)?.[1];

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('the demo outbox in production'), () => {
    const backends = setUpBackends(pair, { label: 'outbox-visibility', env: { ...PRODUCTION, REDIS_TIMEOUT_MS: '5000' } });
    const ask = (phone: string, device: CustomerDevice) => requestOtp(phone, { ip: '203.0.113.9', device }, { sender: outboxSender, limiter: null });
    const shown = async (device: CustomerDevice | null) => (await readOutboxFor(device)).map((message) => `${message.kind}:${message.to}`);

    it('shows a browser its own codes only, and nothing to a browser without a device cookie', async () => {
      const phone = freshPhone();
      const mine = newDevice();
      const theirs = newDevice();
      expect(await ask(phone, mine)).toEqual({ ok: true });
      expect(await shown(mine)).toContain(`otp:${phone}`);
      expect(await shown(theirs)).not.toContain(`otp:${phone}`);
      expect(await shown(null)).toEqual([]);
    });

    it('knowing a number someone signed in with is not enough: a code asked from another browser is shown to nobody', async () => {
      const phone = freshPhone();
      const owner = withPhone(newDevice(), phone);
      await customerIdFor(phone);
      const attacker = newDevice();
      expect(await ask(phone, attacker)).toEqual({ ok: true });
      const attackerSees = await readOutboxFor(attacker);
      expect(attackerSees.filter((message) => message.to === phone)).toEqual([]);
      // The owner's own browser still gets its codes, and signs in with them.
      expect(await ask(phone, owner)).toEqual({ ok: true });
      const [message] = (await readOutboxFor(owner)).filter((entry) => entry.to === phone);
      expect(await verifyOtp(phone, { ip: '203.0.113.9', device: owner }, codeIn(message!.body)!)).toEqual({ ok: true });
    });

    // Attack review (demo outbox rule, 8286ba4): the first-browser check read "no account yet" and
    // then created the account in a second statement, so two browsers each shown a code while the
    // number had no account, signing in at the same moment, both passed the check and both got
    // the one account (2 of 2 signed in, customer ids equal).
    it('two browsers signing in at once to a number with no account: only one of them gets it', async () => {
      const phone = freshPhone();
      const first = newDevice();
      const second = newDevice();
      expect(await ask(phone, first)).toEqual({ ok: true });
      expect(await ask(phone, second)).toEqual({ ok: true });
      const codeFor = async (device: CustomerDevice) => codeIn((await readOutboxFor(device)).find((message) => message.to === phone)!.body)!;
      const [firstCode, secondCode] = [await codeFor(first), await codeFor(second)];
      const signIn = (device: CustomerDevice, code: string) =>
        signInWithOtp(phone, { ip: '203.0.113.9', device }, code, { limiter: null, cooldowns: null, firstBrowserOnly: true });
      const results = await Promise.all([signIn(first, firstCode), signIn(second, secondCode)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: 'invalid' }]);
    });

    it('shows order texts to the browsers that signed in with the number', async () => {
      const phone = freshPhone();
      const owner = withPhone(newDevice(), phone);
      await outboxSender.send({ to: phone, kind: 'order', body: 'Order placed' });
      expect(await shown(owner)).toContain(`order:${phone}`);
      expect(await shown(newDevice())).not.toContain(`order:${phone}`);
    });

    it('in development shows everything, as a local demo expects', async () => {
      const phone = freshPhone();
      await ask(phone, newDevice());
      singletons().env = parseEnv({ NODE_ENV: 'development', REDIS_KEY_PREFIX: backends.prefix });
      try {
        expect(await shown(null)).toContain(`otp:${phone}`);
      } finally {
        backends.install();
      }
    });
  });
}
