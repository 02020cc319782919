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

describe('input checks never throw, and accept only what is valid', () => {
  it('admin item and restaurant forms: whatever is accepted has a visible NFC name and a price within the maximum', () => {
    fc.assert(
      fc.property(fc.record({ name: anyValue, description: anyValue, price: anyValue, categoryId: anyValue, version: anyValue, cuisines: anyValue }), (input) => {
        const item = menuItemFieldsSchema.safeParse(input);
        if (item.success) {
          expect(hasVisibleCharacter(item.data.name)).toBe(true);
          expect(item.data.name).toBe(item.data.name.normalize('NFC'));
          expect(item.data.price).toBeGreaterThan(0);
          expect(item.data.price).toBeLessThanOrEqual(MAX_PRICE_PAISE);
          expect(item.data.categoryId).toBeLessThanOrEqual(2_147_483_647);
        }
        const restaurant = restaurantUpdateSchema.safeParse(input);
        if (restaurant.success) expect(restaurant.data.cuisines.every(hasVisibleCharacter)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('the Team form: an accepted admin has an email, a visible name and a 12+ character password typed twice', () => {
    fc.assert(
      fc.property(fc.record({ email: anyValue, name: anyValue, password: anyValue, confirmPassword: anyValue }), (input) => {
        const parsed = newAdminSchema.safeParse(input);
        if (parsed.success) {
          expect(parsed.data.email).toContain('@');
          expect(hasVisibleCharacter(parsed.data.name)).toBe(true);
          expect(parsed.data.password.length).toBeGreaterThanOrEqual(12);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('phone numbers: any text gives a normalised Indian mobile number or null', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const phone = normalizePhone(text);
        if (phone !== null) expect(phone).toMatch(/^91[6-9]\d{9}$/);
      }),
      { numRuns: 2_000 },
    );
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
    fc.assert(
      fc.property(anyValue, (value) => {
        if (isOrderId(value)) expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/);
        if (isSlug(value)) expect(value).toMatch(/^[a-z0-9-]{1,64}$/);
      }),
      { numRuns: 2_000 },
    );
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
