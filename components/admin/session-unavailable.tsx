import { SessionUnavailable } from '@/components/ui/session-unavailable';

/** An admin page whose session Redis could not confirm (lib/auth/admin.ts requireAdmin returned null). */
export function AdminSessionUnavailable({ retryHref }: { retryHref: string }) {
  return <SessionUnavailable retryHref={retryHref} home={{ href: '/', label: 'Go to the customer site' }} />;
}
