import { AdminNav } from '@/components/admin/admin-nav';

/**
 * The console's bar under the site header: where you are, who is signed in, and the way out.
 * Sign out is a form posting to a server action, so it works without JavaScript too.
 */
export function AdminBar({ email, signOut }: { email: string; signOut: () => Promise<void> }) {
  return (
    <div className="border-b border-line bg-white" data-testid="admin-shell">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <p className="text-base font-extrabold tracking-tight text-brand-700">Thali admin</p>
          <AdminNav />
        </div>
        <div className="flex items-center gap-3 text-sm">
          <p className="text-muted">
            Signed in as <span className="font-semibold text-ink">{email}</span>
          </p>
          <form action={signOut}>
            <button
              type="submit"
              className="rounded-full border border-line bg-white px-4 py-1.5 font-semibold text-ink hover:bg-stone-50"
            >
              Sign out
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
