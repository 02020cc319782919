import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { actionBodyRefusal } from '@/lib/http/action-body';
import { bodyRefusal } from '@/lib/http/body-limits.mjs';
import { actionRefusal } from '@/lib/http/request-checks';
import { normalizePhone } from '@/lib/customers/phone';
import { menuItemFieldsSchema, restaurantUpdateSchema } from '@/lib/menus/admin-schemas';
import { newAdminSchema } from '@/lib/admin/team-schemas';
import { hasVisibleCharacter } from '@/lib/validation/text';
import { MAX_PRICE_PAISE } from '@/lib/orders/limits';
import { isOrderId } from '@/lib/orders/status';
import { isSlug } from '@/lib/menus/slug';

/**
 * Properties of every check that stands between a request and the data: whatever arrives, it
 * answers (never throws), and what it accepts is within the documented bounds.
 */
const anyText = fc.string({ unit: 'binary', maxLength: 120 });
const anyValue = fc.oneof(anyText, fc.jsonValue(), fc.constant(undefined), fc.double(), fc.bigInt().map(String));

/**
 * Inputs near the edge of valid, mixed with anything: random values alone are almost never accepted
 * (0 of 2,000 item forms), which left the "whatever is accepted" half of each property unexercised.
 * Each property counts what it accepted and requires some (tens of each in a run; 10 is far below
 * any run seen), so that half can fail.
 */
const tricky = fc.constantFrom(' ', '\u200b', '\u00a0', '\u0301', 'e\u0301', '\u202e', '\u0000', '\ud800', '\ue000', '\u200d', '\t', ',');
/** `near`, mostly, else anything at all. */
const mostly = <T,>(near: fc.Arbitrary<T>) => fc.oneof({ arbitrary: near, weight: 9 }, { arbitrary: anyValue, weight: 1 });
const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
const nearText = mostly(fc.array(fc.oneof({ arbitrary: word, weight: 4 }, { arbitrary: tricky, weight: 1 }), { maxLength: 12 }).map((parts) => parts.join('')));
const nearPrice = mostly(
  fc.oneof(
    fc.integer({ min: 0, max: 1_200_000 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999 })).map(([rupees, paise]) => ` ${rupees}.${paise} `),
    fc.constantFrom('0', '0.00', '0.004', '0.005', '999999.99', '5000.01', '1e3', '-1'),
  ),
);
const nearInteger = mostly(fc.oneof(fc.integer({ min: -2, max: 2 ** 31 + 2 }).map(String), fc.constantFrom('2147483647', '2147483648', '1.5', ' 7 ', '')));
const nearEmail = mostly(
  fc.oneof(
    fc.emailAddress(),
    fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9][\w.+-]{0,10}$/), fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), fc.constantFrom('com', 'in', 'DEV', ''), tricky)
      .map(([local, domain, top, odd]) => ` ${local}@${domain}${top ? `.${top}` : ''}${odd === ' ' ? odd : ''}`),
  ),
);
const nearPassword = mostly(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 14 }));

/** How often a property's accepted branch ran: it must have run, or that half of the property tested nothing. */
function acceptedCounter() {
  let count = 0;
  return { hit: () => (count += 1), expectAtLeast: (minimum: number) => expect(count).toBeGreaterThanOrEqual(minimum) };
}

describe('input checks never throw, and accept only what is valid', () => {
  it('admin item and restaurant forms: whatever is accepted has a visible NFC name and a price within the maximum', () => {
    const [items, restaurants] = [acceptedCounter(), acceptedCounter()];
    fc.assert(
      fc.property(fc.record({ name: nearText, description: nearText, price: nearPrice, categoryId: nearInteger, version: nearInteger, cuisines: nearText }), (input) => {
        const item = menuItemFieldsSchema.safeParse(input);
        if (item.success) {
          items.hit();
          expect(hasVisibleCharacter(item.data.name)).toBe(true);
          expect(item.data.name).toBe(item.data.name.normalize('NFC'));
          expect(item.data.price).toBeGreaterThan(0);
          expect(item.data.price).toBeLessThanOrEqual(MAX_PRICE_PAISE);
          expect(item.data.categoryId).toBeLessThanOrEqual(2_147_483_647);
        }
        const restaurant = restaurantUpdateSchema.safeParse(input);
        if (restaurant.success) {
          restaurants.hit();
          expect(hasVisibleCharacter(restaurant.data.name)).toBe(true);
          expect(restaurant.data.cuisines.every(hasVisibleCharacter)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
    items.expectAtLeast(10);
    restaurants.expectAtLeast(10);
  });

  it('the Team form: an accepted admin has an email, a visible name and a 12+ character password typed twice', () => {
    const admins = acceptedCounter();
    fc.assert(
      fc.property(fc.record({ email: nearEmail, name: nearText, password: nearPassword, confirmPassword: nearPassword }), fc.boolean(), (input, typedTwice) => {
        const parsed = newAdminSchema.safeParse(typedTwice ? { ...input, confirmPassword: input.password } : input);
        if (parsed.success) {
          admins.hit();
          expect(parsed.data.email).toContain('@');
          expect(hasVisibleCharacter(parsed.data.name)).toBe(true);
          expect(parsed.data.password.length).toBeGreaterThanOrEqual(12);
          expect(parsed.data.confirmPassword).toBe(parsed.data.password);
        }
      }),
      { numRuns: 1_000 },
    );
    admins.expectAtLeast(10);
  });

  it('phone numbers: any text gives a normalised Indian mobile number or null', () => {
    const phones = acceptedCounter();
    const typedNumber = fc
      .tuple(fc.constantFrom('', '+91', '91', '0', '+91 ', '0091', '+1'), fc.array(fc.constantFrom(...'0123456789 -'), { minLength: 8, maxLength: 14 }))
      .map(([prefix, characters]) => `${prefix}${characters.join('')}`);
    fc.assert(
      fc.property(fc.oneof(anyText, typedNumber), (text) => {
        const phone = normalizePhone(text);
        if (phone !== null) {
          phones.hit();
          expect(phone).toMatch(/^91[6-9]\d{9}$/);
          // The number the person typed, not one made up: its last ten digits are the typed ones.
          expect(text.replace(/\D/g, '').endsWith(phone.slice(2))).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
    phones.expectAtLeast(10);
  });

  it('ids and slugs from action arguments: any value is accepted only in its format, and nothing throws', () => {
    // What React's decoder makes of `$T`: a function whose every property read throws (its zod check threw).
    const temporary = new Proxy(() => {}, {
      get: (_target, name) => {
        throw new Error(`Cannot access ${String(name)} on the server.`);
      },
    });
    for (const odd of [temporary, '\ud800', 'a'.repeat(30_000), {}, ['x'], 1]) {
      expect(isOrderId(odd)).toBe(false);
      expect(isSlug(odd)).toBe(false);
    }
    expect(isOrderId('edit-test-order-1')).toBe(false);
    const [orderIds, slugs] = [acceptedCounter(), acceptedCounter()];
    // Ids of 21 to 23 characters from the right alphabet, or one with a character from outside it.
    const nearId = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{21,23}$/),
      fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{21}$/), fc.constantFrom('.', '/', '=', '+', 'é', '\u0000', '\n')).map(([id, odd]) => `${odd}${id}`),
    );
    const nearSlug = fc.array(fc.constantFrom(...'abz09', '-', '--', 'A', '_', ' ', '\n'), { minLength: 0, maxLength: 70 }).map((characters) => characters.join(''));
    fc.assert(
      fc.property(fc.oneof(anyValue, nearId, nearSlug), (value) => {
        if (isOrderId(value)) {
          orderIds.hit();
          expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/);
        }
        if (isSlug(value)) {
          slugs.hit();
          expect(value).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(value.length).toBeLessThanOrEqual(64);
        }
      }),
      { numRuns: 2_000 },
    );
    orderIds.expectAtLeast(10);
    slugs.expectAtLeast(10);
    expect(isOrderId('AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
  });

  it('request checks: any method, path and headers give an answer, never an exception', () => {
    const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 60 });
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'get'),
        fc.oneof(fc.constantFrom('/', '/login', '/api/cities', '/login.png'), fc.string({ maxLength: 40 }).map((path) => `/${path}`)),
        fc.record({ origin: headerValue, 'next-action': headerValue, 'content-length': headerValue, 'x-forwarded-host': headerValue }, { requiredKeys: [] }),
        (method, path, entries) => {
          const headers = new Headers({ host: 'thali.example' });
          for (const [name, value] of Object.entries(entries)) headers.set(name, value);
          const refusal = bodyRefusal(method, path, (name) => headers.get(name)) ?? actionRefusal(method.toUpperCase(), path, headers);
          if (refusal) expect([400, 403, 411, 413]).toContain(refusal.status);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('action bodies: any text or form is decodable or refused with a 400, never an exception', async () => {
    const reference = fc.oneof(fc.jsonValue(), fc.string().map((text) => `$${text}`), fc.constantFrom('$K1', '$@1', '$1', '$h1', '$n12', '$nx', '$Q0', '$$x'));
    await fc.assert(
      fc.asyncProperty(fc.array(reference, { maxLength: 4 }), fc.boolean(), fc.dictionary(fc.constantFrom('1', '2', '_1_a'), anyText), async (args, multipart, parts) => {
        let request: Request;
        if (multipart) {
          const form = new FormData();
          for (const [name, value] of Object.entries(parts)) form.set(name, value);
          form.set('0', JSON.stringify(args));
          request = new Request('http://thali.example/login', { method: 'POST', body: form });
        } else {
          request = new Request('http://thali.example/login', { method: 'POST', body: JSON.stringify(args), headers: { 'content-type': 'text/plain' } });
        }
        const refusal = await actionBodyRefusal(request);
        if (refusal) expect(refusal.status).toBe(400);
      }),
      { numRuns: 500 },
    );
  });
});
