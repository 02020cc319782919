/**
 * Matching for the search box inside a menu, which filters the dishes already on the page in the
 * browser (components/menu/menu-filter.tsx). Pure and small, so it ships to the client. Looser than the
 * city search's SQL (lib/search/queries.ts), because it only narrows one menu a customer is looking at:
 * a search word matches a word of the dish that contains it, or one with the same consonant skeleton,
 * so "panner", "biriyani" and "dosai" find Paneer, Biryani and Dosa.
 */

export interface FoldedText {
  /** Lowercase, accents dropped, transliteration spellings brought together, words space-separated. */
  folded: string;
  /** Each word's consonant skeleton. */
  skeletons: string[];
}

/** Accents, case, aspirated consonants ("dh", "bh"), w/v and doubled letters, as Indian dish names vary. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/w/g, 'v')
    // Doubles first, so "chhole" and "chole" both lose their aspirate the same way.
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/([bcdgjkpt])h/g, '$1')
    .trim();
}

/** A word without its vowels (and y, which transliterations add or drop): "biriyani" → "brn". */
function skeleton(word: string): string {
  return word.replace(/[aeiouy]/g, '');
}

export function prepareText(text: string): FoldedText {
  const folded = foldText(text);
  return { folded, skeletons: folded.split(' ').map(skeleton) };
}

/** True when every word of the search is in the text, or (words of 4+ letters) matches a word's skeleton. */
export function matchesSearch(search: string, text: FoldedText): boolean {
  const words = foldText(search).split(' ').filter(Boolean);
  return words.every((word) => {
    if (text.folded.includes(word)) return true;
    const wanted = skeleton(word);
    return word.length >= 4 && wanted.length >= 2 && text.skeletons.some((candidate) => candidate.startsWith(wanted));
  });
}
