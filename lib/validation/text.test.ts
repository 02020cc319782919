import { describe, expect, it } from 'vitest';

import { MAX_PRICE_PAISE } from '@/lib/orders/limits';
import { menuItemFieldsSchema, restaurantUpdateSchema } from '@/lib/menus/admin-schemas';

import { cleanText, optionalText, pgInteger, visibleText } from './text';

const name = visibleText('Name', 80);
const errorOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('visibleText', () => {
  it('normalises to NFC and trims spaces and invisible characters at both ends', () => {
    expect(name.parse('  Cafe\u0301 Mocha\u200B ')).toBe('Café Mocha');
    expect(name.parse('\uFEFF\u2060Dosa\u00A0')).toBe('Dosa');
    expect(cleanText('e\u0301')).toBe('\u00E9');
  });

  it('finding 12: refuses a name with no visible character', () => {
    for (const invisible of ['\u200B', '\u200B\u200C\u200D', '\u2060', '\u3000', '   ', '\u0301', '\uFEFF', '\u00AD']) {
      const result = name.safeParse(invisible);
      expect(result.success, JSON.stringify(invisible)).toBe(false);
      expect(errorOf(result)).toMatch(/required|visible character/);
    }
  });

  it('refuses control characters, NUL, lone surrogates and bidi overrides anywhere', () => {
    for (const bad of ['Dosa\u0000', 'Do\nsa', 'Dosa \u202Egnp.exe', 'Dosa\uD800', 'Dosa\u2066x', 'Dosa\uE000']) {
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps joiners inside Indic and emoji text, and counts the length after normalising', () => {
    expect(name.parse('क्‍ष')).toBe('क्‍ष');
    expect(name.parse('👩\u200D🍳 Chef')).toBe('👩\u200D🍳 Chef');
    expect(name.safeParse('a'.repeat(81)).success).toBe(false);
    expect(name.safeParse(`${'a'.repeat(80)}\u200B`).success).toBe(true);
  });
});

describe('optionalText', () => {
  const description = optionalText('Description', 300);
  it('keeps line breaks, stores invisible-only text as empty, refuses NUL', () => {
    expect(description.parse('Crisp\nand hot')).toBe('Crisp\nand hot');
    expect(description.parse('\u200B\u200B')).toBe('');
    expect(description.safeParse('bad\u0000').success).toBe(false);
  });
});

describe('pgInteger', () => {
  it('accepts what a Postgres integer holds and nothing else', () => {
    const id = pgInteger();
    expect(id.parse('42')).toBe(42);
    for (const bad of ['0', '-1', '2147483648', '1e20', '1.5', 'x', '']) expect(id.safeParse(bad).success, bad).toBe(false);
    expect(id.parse('2147483647')).toBe(2_147_483_647);
  });
});

describe('admin schemas', () => {
  const item = { name: 'Dosa', description: '', price: '120', categoryId: '3' };
  it('finding 13: refuses a price above the documented maximum', () => {
    expect(menuItemFieldsSchema.safeParse({ ...item, price: String(MAX_PRICE_PAISE / 100) }).success).toBe(true);
    const over = menuItemFieldsSchema.safeParse({ ...item, price: '100000.01' });
    expect(over.success).toBe(false);
    expect(errorOf(over)).toBe('Price must be at most ₹1,00,000');
    expect(menuItemFieldsSchema.safeParse({ ...item, price: '999999.99' }).success).toBe(false);
  });

  it('finding 12: refuses an item or restaurant named with a zero-width space, and invisible cuisines', () => {
    expect(menuItemFieldsSchema.safeParse({ ...item, name: '\u200B' }).success).toBe(false);
    expect(restaurantUpdateSchema.safeParse({ version: '1', name: '\u200B', cuisines: 'Thai' }).success).toBe(false);
    expect(restaurantUpdateSchema.safeParse({ version: '1', name: 'Ok', cuisines: '\u200B, \u2060' }).success).toBe(false);
    expect(restaurantUpdateSchema.parse({ version: '1', name: 'Ok', cuisines: 'Thai, \u200B, Cafe\u0301' }).cuisines).toEqual(['Thai', 'Café']);
  });

  it('refuses a category id or version Postgres could not compare', () => {
    expect(menuItemFieldsSchema.safeParse({ ...item, categoryId: '99999999999' }).success).toBe(false);
    expect(restaurantUpdateSchema.safeParse({ version: '3000000000', name: 'Ok', cuisines: 'Thai' }).success).toBe(false);
  });
});
