import Link from 'next/link';

import { HeaderCartLink } from '@/components/layout/header-cart-link';
import { ThaliLogo } from '@/components/layout/thali-logo';

export function SiteHeader() {
  return (
    <header data-site-header className="border-b border-line bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link prefetch={false} href="/" className="flex items-center gap-2 rounded-md text-xl font-extrabold tracking-tight text-brand-700">
          <ThaliLogo className="size-8" />
          <span>Thali</span>
        </Link>
        <div className="flex items-center gap-4">
          <p className="hidden text-sm text-muted sm:block">Food delivery, served from cache</p>
          {/* No session or cart is read here: that would make every page dynamic (and the shared pages per
              visitor). The count arrives after load, in the browser (header-cart-link.tsx). /checkout shows
              the cart, and sends a signed-out visitor to /login, which keeps a guest's cart. */}
          <HeaderCartLink />
          <Link prefetch={false} href="/account" className="rounded-md text-sm font-semibold text-brand-700 hover:underline">
            Account
          </Link>
        </div>
      </div>
    </header>
  );
}
