'use client';

import { useEffect, useRef, useState } from 'react';

import type { MenuCategoryView } from '@/lib/menus/types';

export const categoryId = (index: number) => `category-${index}`;

/** Where a section counts as the one being read: below the bar and a jump's landing line (scroll-mt-20), in the top part of the screen. */
const READING_BAND = '-96px 0px -60% 0px';

/**
 * Sticky jump bar: plain anchors to each menu category on one row that scrolls sideways at every width
 * (wrapped, a desktop's bar took two rows of the screen), opaque so the dishes scrolled under it don't
 * show through; no JavaScript needed. Once the script runs, the chip of the section being read is marked (aria-current) and kept
 * in view: state of this browser only, so the shared page's HTML is the same for everyone (decision 046).
 */
export function CategoryNav({ categories }: { categories: MenuCategoryView[] }) {
  const current = useReadingSection(categories.length);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const bar = list.current;
    const chip = current === null ? null : bar?.querySelector<HTMLElement>(`[data-section-link="${categoryId(current)}"]`);
    if (!bar || !chip) return;
    // Sideways only (scrollIntoView would move the page too): a phone's chips scroll under the finger.
    if (chip.offsetLeft < bar.scrollLeft || chip.offsetLeft + chip.offsetWidth > bar.scrollLeft + bar.clientWidth) {
      bar.scrollTo({ left: chip.offsetLeft - 16, behavior: 'smooth' });
    }
  }, [current]);
  return (
    <nav
      aria-label="Menu categories"
      className="sticky top-0 z-10 -mx-4 border-b border-line bg-canvas px-4 py-3 sm:mx-0 sm:px-0"
    >
      {/* A finger scrolls it; a mouse gets a thin scrollbar to drag (and the marked chip is kept in view). */}
      <ul ref={list} className="relative -m-1 flex gap-2 overflow-x-auto p-1 scrollbar-none pointer-fine:scrollbar-thin">
        {categories.map((category, index) => (
          <li key={categoryId(index)} data-section-link={categoryId(index)} className="shrink-0">
            <a
              href={`#${categoryId(index)}`}
              aria-current={current === index ? 'location' : undefined}
              className="group inline-flex items-center gap-1.5 rounded-full border border-line bg-white px-3.5 py-1.5 text-sm font-medium whitespace-nowrap text-ink hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800 aria-[current=location]:border-brand-700 aria-[current=location]:bg-brand-700 aria-[current=location]:text-white"
            >
              {category.name}
              <span data-section-count="" className="text-xs text-muted group-aria-[current=location]:text-white/80">
                {category.items.length}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The index of the topmost section in the reading band, or null (above the menu, or none there). */
function useReadingSection(count: number): number | null {
  const [current, setCurrent] = useState<number | null>(null);
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const inBand = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number(entry.target.id.slice('category-'.length));
          if (entry.isIntersecting) inBand.add(index);
          else inBand.delete(index);
        }
        setCurrent(inBand.size > 0 ? Math.min(...inBand) : null);
      },
      { rootMargin: READING_BAND },
    );
    for (let index = 0; index < count; index++) {
      const section = document.getElementById(categoryId(index));
      if (section) observer.observe(section);
    }
    return () => observer.disconnect();
  }, [count]);
  return current;
}
