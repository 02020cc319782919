/**
 * Display helpers for the admin console. Pure and free of data access (no 'server-only'): the
 * client forms in components/admin use them too.
 */
import { formatRupees } from '@/lib/format';
import { STATUS_LABELS } from '@/lib/orders/status';

/** Integer paise as the price box shows it, in rupees: 24900 → "249", 24950 → "249.50". */
export function priceInputValue(paise: number): string {
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2);
}

/** A TTL in ms for people: null → "no expiry", 272_000 → "4 min 32 s", 7_500_000 → "2 h 5 min". */
export function formatTtl(ms: number | null): string {
  if (ms === null) return 'no expiry';
  if (ms < 1_000) return '<1 s';
  const seconds = Math.floor(ms / 1_000);
  const units: [string, number][] = [
    ['d', Math.floor(seconds / 86_400)],
    ['h', Math.floor(seconds / 3_600) % 24],
    ['min', Math.floor(seconds / 60) % 60],
    ['s', seconds % 60],
  ];
  const first = units.findIndex(([, value]) => value > 0);
  return units
    .slice(first, first + 2)
    .filter(([, value]) => value > 0)
    .map(([unit, value]) => `${value} ${unit}`)
    .join(' ');
}

/** What a key's size counts depends on its type: bytes of a string, fields of a hash, and so on. */
export function formatKeySize(type: string, size: number): string {
  switch (type) {
    case 'string':
      return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
    case 'hash':
      return `${size} ${size === 1 ? 'field' : 'fields'}`;
    case 'list':
      return `${size} ${size === 1 ? 'item' : 'items'}`;
    default:
      return `${size} ${size === 1 ? 'member' : 'members'}`;
  }
}

const FIELD_LABELS: Record<string, string> = {
  pricePaise: 'price',
  categoryId: 'category',
  isOpen: 'open',
  opensAt: 'opens at',
  photoUrl: 'photo',
};

function formatValue(field: string, value: unknown, categories: ReadonlyMap<number, string>): string {
  if (value === null || value === undefined) return '—';
  if (field === 'pricePaise' && typeof value === 'number') return formatRupees(value);
  if (field === 'categoryId' && typeof value === 'number') return categories.get(value) ?? `#${value}`;
  // Photo URLs end in a content hash: its first characters are enough to tell two photos apart.
  if (field === 'photoUrl' && typeof value === 'string') return `#${value.split('/').pop()!.slice(0, 8)}`;
  // An order's step (lib/orders/admin-step.ts audits it) as the orders list names it: "Out for delivery".
  if (field === 'status' && typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value)) return STATUS_LABELS[value as keyof typeof STATUS_LABELS];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return value === '' ? '(empty)' : `“${value}”`;
  return JSON.stringify(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/**
 * An audit entry's `changes` as short lines: "price: ₹249 → ₹279" for an update, "name: “Idli”"
 * for what a create or delete recorded, "purged: 3 keys" for a cache purge.
 */
export function describeChanges(changes: Record<string, unknown>, categories: ReadonlyMap<number, string> = new Map()): string[] {
  return Object.entries(changes).map(([field, value]) => {
    const label = FIELD_LABELS[field] ?? field;
    if (isChange(value)) {
      return `${label}: ${formatValue(field, value.from, categories)} → ${formatValue(field, value.to, categories)}`;
    }
    return `${label}: ${formatValue(field, value, categories)}`;
  });
}

const ACTION_LABELS: Record<string, string> = {
  'restaurant.update': 'Restaurant edited',
  'item.create': 'Item added',
  'item.update': 'Item edited',
  'item.delete': 'Item deleted',
  'restaurant.photo': 'Cover photo set',
  'restaurant.photo.remove': 'Cover photo removed',
  'item.photo': 'Item photo set',
  'item.photo.remove': 'Item photo removed',
  'cache.purge': 'Cache purged',
  'queue.retry': 'Dead job retried',
  'queue.discard': 'Dead job discarded',
  'admin.create': 'Admin added',
  'admin.disable': 'Admin disabled',
  'admin.enable': 'Admin enabled',
  'admin.delete': 'Admin deleted',
  'admin.password': 'Password changed',
  'order.step': 'Order moved on',
  'order.cancel': 'Order cancelled',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** An audit entry's changes as lines; a purge's bookkeeping becomes one sentence. */
export function describeAuditChanges(action: string, changes: Record<string, unknown>, categories?: ReadonlyMap<number, string>): string[] {
  if (action !== 'cache.purge') return describeChanges(changes, categories);
  if (changes.finished !== true) return ['Purge started; it did not report back (see the server log).'];
  const purged = typeof changes.purged === 'number' ? changes.purged : 0;
  const lines = [`Purged ${purged} ${purged === 1 ? 'key' : 'keys'}`];
  const kept = typeof changes.generationsKept === 'number' ? changes.generationsKept : 0;
  if (kept > 0) lines.push(`kept ${kept} generation ${kept === 1 ? 'key' : 'keys'}`);
  if (changes.redisReached === false) lines.push('Redis could not be reached for all of it');
  if (changes.complete === false) lines.push('stopped before the end of the namespace');
  return lines;
}

const WHEN = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Kolkata' });

/** Audit times in India's time zone, where the restaurants are: "12 Mar 2026, 4:05:09 pm". */
export function formatWhen(date: Date): string {
  return WHEN.format(date);
}
