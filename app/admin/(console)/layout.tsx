import type { ReactNode } from 'react';

import { AdminBar } from '@/components/admin/admin-bar';
import { Container } from '@/components/layout/container';
import { requireAdmin } from '@/lib/auth/admin';

import { signOut } from '../actions';

/**
 * The signed-in console. This check renders the shell; it does not protect the pages under it
 * (a page renders alongside its layout, and alone on client navigation), so each of them calls
 * requireAdmin() as well. When Redis can't confirm the session the shell renders without the bar,
 * and the page's own check renders "temporarily unavailable" in its place.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  if (!admin) return <Container className="py-8">{children}</Container>;
  return (
    <>
      <AdminBar email={admin.email} signOut={signOut} />
      <Container className="py-8">{children}</Container>
    </>
  );
}
