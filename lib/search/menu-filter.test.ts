import { describe, expect, it } from 'vitest';

import { foldText, matchesSearch, prepareText } from './menu-filter';

const dishes = [
  'Paneer Butter Masala',
  'Hyderabadi Chicken Dum Biryani',
  'Masala Dosa',
  'Chole Bhature',
  'Gulab Jamun (2 pcs)',
  'Crème Brûlée',
  'Vada Pav',
  'Pani Puri',
].map((name) => ({ name, text: prepareText(name) }));

const found = (search: string) => dishes.filter((dish) => matchesSearch(search, dish.text)).map((dish) => dish.name);

describe('the menu search box', () => {
  it.each([
    ['paneer', ['Paneer Butter Masala']],
    ['panner', ['Paneer Butter Masala']],
    ['PANEER  butter', ['Paneer Butter Masala']],
    ['biriyani', ['Hyderabadi Chicken Dum Biryani']],
    ['briyani', ['Hyderabadi Chicken Dum Biryani']],
    ['dosai', ['Masala Dosa']],
    ['chhole bature', ['Chole Bhature']],
    ['wada', ['Vada Pav']],
    ['creme brulee', ['Crème Brûlée']],
    ['jam', ['Gulab Jamun (2 pcs)']],
    ['masala', ['Paneer Butter Masala', 'Masala Dosa']],
    ['pizza', []],
  ])('"%s" finds %j', (search, expected) => {
    expect(found(search)).toEqual(expected);
  });

  it('finds everything for an empty or blank search, and a short word only as a part of a word', () => {
    expect(found('')).toHaveLength(dishes.length);
    expect(found('  ')).toHaveLength(dishes.length);
    // Two letters are too few for a skeleton: "pn" would match Paneer, Pani and Pav.
    expect(found('pn')).toEqual([]);
  });

  it('folds accents, case, aspirates, w/v and doubled letters', () => {
    expect(foldText('  Crème   BRÛLÉE! ')).toBe('creme brule');
    expect(foldText('Dhaba Bhindi Khichdi')).toBe('daba bindi kicdi');
    expect(foldText('Wada')).toBe('vada');
  });
});
