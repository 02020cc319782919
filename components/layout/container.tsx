import type { ReactNode } from 'react';

const WIDTHS = { default: 'max-w-6xl', narrow: 'max-w-4xl' } as const;

/** The page width: full bleed on phones with gutters, capped on desktop. */
export function Container({
  children,
  className = '',
  width = 'default',
}: {
  children: ReactNode;
  className?: string;
  width?: keyof typeof WIDTHS;
}) {
  return <div className={`mx-auto w-full px-4 sm:px-6 ${WIDTHS[width]} ${className}`}>{children}</div>;
}
