'use client';

import { useRef, useState, useSyncExternalStore } from 'react';

import { plural } from '@/lib/format';
import { matchesSearch, prepareText, type FoldedText } from '@/lib/search/menu-filter';

/**
 * The search box and veg-only switch inside a menu. They filter the dishes already on the page by
 * hiding rows (found by their `dish-<id>` ids; name, description and data-veg read from the row,
 * components/menu/menu-item-row.tsx), so the menu is never sent a second time as props: its props are a
 * few bytes (docs/decisions/036-menu-filter-on-the-page.md). React doesn't own the rows' `hidden`, so
 * a re-render after ADD keeps the filter. Without JavaScript (`noscript:`, the `scripting: none` media
 * query) they are not shown at all, the page says why (menu-page-body.tsx) and the whole menu shows; until
 * hydration they are disabled.
 */

const noSubscription = () => () => {};
/** A dish's row, and its name and description (the paragraph after the name). */
const ROW = 'li[id^="dish-"]';
const ROW_TEXT = 'h3, h3 ~ p';

export function MenuFilter({ targetId, total, vegToggle }: { targetId: string; total: number; vegToggle: boolean }) {
  // False in the server's HTML and until hydration, true after: the controls work only then.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [search, setSearch] = useState('');
  const [vegOnly, setVegOnly] = useState(false);
  const [shown, setShown] = useState(total);
  // Each row's folded text, read from the page once, on first use.
  const texts = useRef(new WeakMap<Element, FoldedText>());

  function apply(nextSearch: string, nextVegOnly: boolean) {
    const root = document.getElementById(targetId);
    if (!root) return;
    let count = 0;
    for (const section of root.querySelectorAll<HTMLElement>('[data-menu-section]')) {
      let inSection = 0;
      for (const row of section.querySelectorAll<HTMLElement>(ROW)) {
        let text = texts.current.get(row);
        if (!text) {
          text = prepareText([...row.querySelectorAll(ROW_TEXT)].map((element) => element.textContent ?? '').join(' '));
          texts.current.set(row, text);
        }
        const visible = (!nextVegOnly || row.dataset.veg !== undefined) && matchesSearch(nextSearch, text);
        row.hidden = !visible;
        if (visible) inSection += 1;
      }
      section.hidden = inSection === 0;
      const link = root.querySelector<HTMLElement>(`[data-section-link="${section.id}"]`);
      if (link) link.hidden = inSection === 0;
      // The heading's "(9 items)" and the chip's "9" said the whole section while one dish showed.
      const filtering = nextSearch.trim() !== '' || nextVegOnly;
      const inAll = section.querySelectorAll(ROW).length;
      showCount(section.querySelector<HTMLElement>('[data-section-count]'), filtering ? sectionCount(inSection, inAll) : null);
      showCount(link?.querySelector<HTMLElement>('[data-section-count]') ?? null, filtering ? String(inSection) : null);
      count += inSection;
    }
    setShown(count);
  }

  function update(nextSearch: string, nextVegOnly: boolean) {
    setSearch(nextSearch);
    setVegOnly(nextVegOnly);
    apply(nextSearch, nextVegOnly);
  }

  const filtering = search.trim() !== '' || vegOnly;
  return (
    <div className="mt-6 noscript:hidden" data-testid="menu-filter" data-ready={ready ? 'true' : 'false'}>
      <div role="search" aria-label="Search this menu" className="flex flex-wrap items-center gap-3">
        <label htmlFor="menu-search" className="sr-only">
          Search this menu
        </label>
        <input
          id="menu-search"
          type="search"
          value={search}
          disabled={!ready}
          onChange={(event) => update(event.target.value, vegOnly)}
          placeholder="Search this menu"
          autoComplete="off"
          enterKeyHint="search"
          maxLength={100}
          className="min-w-0 flex-1 rounded-full border border-line bg-white px-4 py-2 text-base text-ink placeholder:text-muted focus:border-brand-600 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
        />
        {vegToggle ? (
          <label className="inline-flex shrink-0 cursor-pointer items-center gap-2 text-sm font-semibold text-ink has-[:disabled]:cursor-default has-[:disabled]:opacity-60">
            <input
              type="checkbox"
              role="switch"
              checked={vegOnly}
              disabled={!ready}
              onChange={(event) => update(search, event.target.checked)}
              className="peer sr-only"
            />
            <span
              aria-hidden="true"
              className="relative h-6 w-10 rounded-full bg-stone-300 transition peer-checked:bg-veg peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 after:absolute after:top-0.5 after:left-0.5 after:size-5 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-4"
            />
            Veg only
          </label>
        ) : null}
      </div>
      <p role="status" className="mt-2 px-1 text-sm text-muted" data-testid="menu-filter-count">
        {filtering ? `Showing ${shown} of ${plural(total, 'dish', 'dishes')}` : ''}
      </p>
      {filtering && shown === 0 ? (
        <div className="mt-4 rounded-2xl border border-dashed border-line bg-white px-6 py-8 text-center" data-testid="menu-filter-empty">
          <p className="font-semibold text-ink">{emptyMessage(search.trim(), vegOnly)}</p>
          <button
            type="button"
            onClick={() => update('', false)}
            className="mt-3 text-sm font-semibold text-brand-700 underline underline-offset-4 hover:text-brand-800"
          >
            Show the whole menu
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** A section heading's count while the menu is filtered: "(1 of 9 items)". */
export function sectionCount(shown: number, all: number): string {
  return `(${shown} of ${plural(all, 'item')})`;
}

/** The server's text of each count this filter changed, to put back when the filter is cleared. */
const serverCounts = new WeakMap<HTMLElement, string>();

/** Shows `text` in a count the server rendered, or (null) its own text again. */
function showCount(element: HTMLElement | null, text: string | null) {
  if (!element) return;
  if (!serverCounts.has(element)) serverCounts.set(element, element.textContent ?? '');
  const next = text ?? serverCounts.get(element)!;
  if (element.textContent !== next) element.textContent = next;
}

function emptyMessage(search: string, vegOnly: boolean): string {
  if (!search) return 'No veg dishes on this menu';
  return `No ${vegOnly ? 'veg ' : ''}dishes match “${search}”`;
}
