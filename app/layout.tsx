import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { GeistSans } from 'geist/font/sans';

import { SiteDemoBanner } from '@/components/customer/demo-banner';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { isBuilding } from '@/lib/env';
import { outboxEnabled } from '@/lib/sms/sender';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Thali: order from restaurants in your city', template: '%s · Thali' },
  description:
    'An open-source reference food-delivery site: city restaurant menus served from a Redis cache over Postgres.',
};

export const viewport: Viewport = {
  themeColor: '#fc8019',
};

/**
 * The demo-mode strip while texts go to the outbox, from the running server's configuration, never
 * the build machine's: pages are rendered per request or, the shared ones, on their first request
 * (docs/decisions/046), and the page cache keeps nothing from the build. Rendered in the shell, not
 * behind Suspense, so it is there at first paint.
 */
function DemoModeStrip() {
  if (isBuilding()) return null;
  return outboxEnabled() ? <SiteDemoBanner /> : null;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // data-scroll-behavior lets Next.js turn smooth scrolling off while it changes routes.
    <html lang="en" className={GeistSans.variable} data-scroll-behavior="smooth">
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only rounded-md bg-brand-700 px-4 py-2 font-semibold text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <DemoModeStrip />
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
