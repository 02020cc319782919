import 'server-only';

import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { admins, auditLog } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { nextEpoch, publishEpoch, type Epoch } from '@/lib/auth/revocation';
import { fieldErrorsOf, type FieldErrors } from '@/lib/validation/field-errors';
import { pgInteger } from '@/lib/validation/text';

import { newAdminSchema, passwordChangeSchema } from './team-schemas';

/**
 * The Team page's writes: add an admin, disable or enable one, delete one, change a password. Each
 * commits its change and an audit entry (never a password or its hash) in one Postgres transaction.
 * Disabling, deleting and a password change raise the admin's session epoch in that transaction and
 * then publish it, which ends every session of theirs on every instance
 * (lib/auth/revocation.ts; docs/decisions/013-admin-lockout-and-revocation.md).
 *
 * Nobody can disable or delete themselves, nor the last admin who can still sign in: the enabled
 * admins are locked (FOR UPDATE) before the check, so two admins disabling each other at once
 * can't both succeed.
 */

export interface TeamMember {
  id: number;
  email: string;
  name: string;
  disabled: boolean;
  createdAt: Date;
}

export type TeamOutcome =
  | { status: 'saved'; adminId: number; sessionsEnded: 'at-once' | 'within-a-minute' | 'none' }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'refused'; message: string }
  | { status: 'not-found' };

export const adminIdSchema = pgInteger('Unknown admin');

/** The audit actions this module writes, for the Team page's log. */
export const TEAM_AUDIT_ACTIONS = ['admin.create', 'admin.disable', 'admin.enable', 'admin.delete', 'admin.password'] as const;
type TeamAuditAction = (typeof TEAM_AUDIT_ACTIONS)[number];

export async function listTeam(db: Database = getDb()): Promise<TeamMember[]> {
  const rows = await db
    .select({ id: admins.id, email: admins.email, name: admins.name, disabledAt: admins.disabledAt, createdAt: admins.createdAt })
    .from(admins)
    .orderBy(asc(admins.email));
  return rows.map(({ disabledAt, ...row }) => ({ ...row, disabled: disabledAt !== null }));
}

const audit = (tx: Database, actorId: number, action: TeamAuditAction, adminId: number, changes: Record<string, unknown>) =>
  tx.insert(auditLog).values({ adminId: actorId, action, target: `admin:${adminId}`, changes });

/** After the commit: tell every instance, and say how soon the admin's sessions end. */
async function ended(adminId: number, epoch: Epoch): Promise<TeamOutcome> {
  const published = await publishEpoch(adminId, epoch);
  return { status: 'saved', adminId, sessionsEnded: published ? 'at-once' : 'within-a-minute' };
}

/** Why `targetId` may not lose the ability to sign in, or null when it may (inside the transaction). */
async function guardLastAdmin(tx: Database, actorId: number, targetId: number): Promise<string | null> {
  if (targetId === actorId) return 'You can’t do that to your own account: ask another admin.';
  const enabled = await tx.select({ id: admins.id }).from(admins).where(isNull(admins.disabledAt)).for('update');
  const others = enabled.filter((row) => row.id !== targetId);
  return others.length === 0 ? 'This is the last admin who can sign in: add or enable another first.' : null;
}

export async function addAdmin(actorId: number, input: unknown, db: Database = getDb()): Promise<TeamOutcome> {
  const parsed = newAdminSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const { email, name, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(admins).values({ email, name, passwordHash }).onConflictDoNothing().returning({ id: admins.id });
    if (!created) return { status: 'invalid', fieldErrors: { email: ['An admin with this email exists'] } } as const;
    await audit(tx, actorId, 'admin.create', created.id, { email, name });
    return { status: 'saved', adminId: created.id, sessionsEnded: 'none' } as const;
  });
}

export async function setAdminDisabled(actorId: number, rawId: unknown, disabled: boolean, db: Database = getDb()): Promise<TeamOutcome> {
  const parsed = adminIdSchema.safeParse(rawId);
  if (!parsed.success) return { status: 'not-found' };
  const adminId = parsed.data;
  const committed = await db.transaction(async (tx): Promise<TeamOutcome | { status: 'committed'; epoch: number }> => {
    if (disabled) {
      const refusal = await guardLastAdmin(tx, actorId, adminId);
      if (refusal) return { status: 'refused', message: refusal };
    }
    const [row] = await tx
      .update(admins)
      // Disabling ends their sessions; enabling starts afresh (the epoch only ever rises, so old sessions stay ended).
      .set({ disabledAt: disabled ? sql`now()` : null, sessionEpoch: nextEpoch, updatedAt: sql`now()` })
      .where(and(eq(admins.id, adminId), disabled ? isNull(admins.disabledAt) : isNotNull(admins.disabledAt)))
      .returning({ email: admins.email, epoch: admins.sessionEpoch });
    if (!row) return { status: 'not-found' };
    await audit(tx, actorId, disabled ? 'admin.disable' : 'admin.enable', adminId, { email: row.email });
    return { status: 'committed', epoch: row.epoch };
  });
  return committed.status === 'committed' ? ended(adminId, committed.epoch) : committed;
}

export async function deleteAdmin(actorId: number, rawId: unknown, db: Database = getDb()): Promise<TeamOutcome> {
  const parsed = adminIdSchema.safeParse(rawId);
  if (!parsed.success) return { status: 'not-found' };
  const adminId = parsed.data;
  const committed = await db.transaction(async (tx): Promise<TeamOutcome | { status: 'committed' }> => {
    const refusal = await guardLastAdmin(tx, actorId, adminId);
    if (refusal) return { status: 'refused', message: refusal };
    const [row] = await tx.delete(admins).where(eq(admins.id, adminId)).returning({ email: admins.email, name: admins.name });
    if (!row) return { status: 'not-found' };
    // Their own audit entries stay, unlinked (ON DELETE SET NULL); this one says who they were.
    await audit(tx, actorId, 'admin.delete', adminId, { email: row.email, name: row.name });
    return { status: 'committed' };
  });
  return committed.status === 'committed' ? ended(adminId, 'gone') : committed;
}

export async function changeAdminPassword(actorId: number, rawId: unknown, input: unknown, db: Database = getDb()): Promise<TeamOutcome> {
  const id = adminIdSchema.safeParse(rawId);
  if (!id.success) return { status: 'not-found' };
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const passwordHash = await hashPassword(parsed.data.password);
  const committed = await db.transaction(async (tx): Promise<TeamOutcome | { status: 'committed'; epoch: number }> => {
    const [row] = await tx
      .update(admins)
      .set({ passwordHash, sessionEpoch: nextEpoch, updatedAt: sql`now()` })
      .where(eq(admins.id, id.data))
      .returning({ email: admins.email, epoch: admins.sessionEpoch });
    if (!row) return { status: 'not-found' };
    await audit(tx, actorId, 'admin.password', id.data, { email: row.email });
    return { status: 'committed', epoch: row.epoch };
  });
  return committed.status === 'committed' ? ended(id.data, committed.epoch) : committed;
}
