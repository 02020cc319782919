import { z } from 'zod';

/**
 * When the key expires unless a read extends it, as its last PX set it: what PTTL would say, without
 * asking (lib/auth/sessions.ts). Absent from records written before it was kept.
 */
const expiresAt = z.iso.datetime().optional();

/** One record type per kind of signed-in party, each with its own cookie (cookie.ts). */
const adminRecord = z.object({
  kind: z.literal('admin'),
  adminId: z.number().int().positive(),
  email: z.string(),
  name: z.string(),
  /** The admin's session epoch when this session opened (lib/auth/revocation.ts). */
  epoch: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  expiresAt,
});
const customerRecord = z.object({
  kind: z.literal('customer'),
  customerId: z.number().int().positive(),
  /** Normalised, e.g. 919876543210 (lib/customers/phone.ts). */
  phone: z.string(),
  /** The customer's session epoch when this session opened (lib/auth/keys.ts `customerEpoch`); set by createSession. */
  epoch: z.string().min(1),
  createdAt: z.iso.datetime(),
  expiresAt,
});
export const sessionRecord = z.discriminatedUnion('kind', [adminRecord, customerRecord]);

export type SessionRecord = z.infer<typeof sessionRecord>;
export type AdminSessionRecord = z.infer<typeof adminRecord>;
export type CustomerSessionRecord = z.infer<typeof customerRecord>;
/** A record without its creation time, kind by kind (a plain Omit would merge the kinds' fields away). */
export type NewSession = SessionRecord extends infer Kind
  ? Kind extends SessionRecord
    ? Omit<Kind, 'createdAt' | 'expiresAt' | (Kind extends { kind: 'customer' } ? 'epoch' : never)>
    : never
  : never;
