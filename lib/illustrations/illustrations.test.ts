import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CATALOGUE, CUISINE_OF } from '@/db/seed-vocabulary/catalogue';
import { CONCEPTS } from '@/db/seed-vocabulary/concepts';
import { generateSeedData } from '@/db/seed-data';

import { ILLUSTRATION_FILES } from './files';
import {
  illustrationForCategory,
  illustrationForCuisine,
  illustrationForRestaurant,
  illustrationNameForCategory,
  illustrationNameForCuisine,
  illustrationUrl,
  skylineForCity,
} from '.';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');
const fileOf = (url: string) => path.join(PUBLIC, url);

const seed = generateSeedData();
const seededCuisines = new Set([
  ...Object.values(CONCEPTS).flatMap((concept) => concept.cuisines),
  ...Object.values(CUISINE_OF).filter((cuisine): cuisine is string => cuisine !== null),
  ...seed.flatMap((city) => city.restaurants.flatMap((restaurant) => restaurant.cuisines)),
]);
const seededCategories = new Set([
  ...Object.values(CATALOGUE).map((category) => category.name),
  ...seed.flatMap((city) => city.restaurants.flatMap((restaurant) => restaurant.categories.map((category) => category.name))),
]);

describe('illustrations', () => {
  it.each([...seededCuisines])('cuisine "%s" has its own drawing, and the file exists', (cuisine) => {
    expect(illustrationNameForCuisine(cuisine)).toBeDefined();
    expect(fs.existsSync(fileOf(illustrationForCuisine(cuisine)))).toBe(true);
  });

  it.each([...seededCategories])('menu section "%s" has its own drawing, and the file exists', (category) => {
    expect(illustrationNameForCategory(category)).not.toBe('default');
    expect(fs.existsSync(fileOf(illustrationForCategory(category)))).toBe(true);
  });

  it('draws signature dishes as themselves', () => {
    expect(illustrationNameForCategory('Biryani')).toBe('biryani');
    expect(illustrationNameForCategory('Dosa')).toBe('dosa');
    expect(illustrationNameForCategory('Momos')).toBe('momos');
    expect(illustrationNameForCategory('Thalis')).toBe('thali');
    expect(illustrationNameForCategory('Desserts')).toBe('ice-cream');
    expect(illustrationNameForCategory('Beverages')).toBe('drinks');
    expect(illustrationNameForCuisine('Pizzas')).toBe('pizza');
  });

  it('takes a restaurant’s first cuisine that has a drawing, and falls back to keywords, then a plate', () => {
    expect(illustrationForRestaurant({ cuisines: ['Pizzas', 'Italian'] })).toBe(illustrationUrl('pizza'));
    expect(illustrationForRestaurant({ cuisines: ['Fusion', 'Biryani'] })).toBe(illustrationUrl('biryani'));
    expect(illustrationForRestaurant({ cuisines: [] })).toBe(illustrationUrl('default'));
    expect(illustrationForCategory("  Chef's BIRYANI   specials ")).toBe(illustrationUrl('biryani'));
    expect(illustrationForCategory('Tandoori Platters')).toBe(illustrationUrl('tandoori'));
    expect(illustrationForCategory('Something New')).toBe(illustrationUrl('default'));
  });

  it.each(seed.map((city) => city.slug))('city "%s" has its own skyline, and the file exists', (slug) => {
    expect(skylineForCity(slug)).toBe(illustrationUrl(`skyline-${slug}` as keyof typeof ILLUSTRATION_FILES));
    expect(fs.existsSync(fileOf(skylineForCity(slug)))).toBe(true);
  });

  it('gives a city the seed does not know the generic skyline', () => {
    expect(skylineForCity('gangtok')).toBe(illustrationUrl('skyline'));
  });

  it('ships every drawing as a small, self-contained SVG named by its content', () => {
    const dir = path.join(PUBLIC, 'illustrations');
    expect(fs.readdirSync(dir).sort()).toEqual(Object.values(ILLUSTRATION_FILES).sort());
    for (const file of Object.values(ILLUSTRATION_FILES)) {
      const svg = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(file).toContain(`.${createHash('sha256').update(svg).digest('hex').slice(0, 10)}.svg`);
      expect(svg.length).toBeLessThan(6 * 1024);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (160 160|400 170)"/);
      // Nothing that runs or fetches: no scripts, handlers, links or external references (a skyline's
      // gradient is referenced within the file: url(#…)).
      expect(svg).not.toMatch(/<script|\son\w+=|href|url\((?!#)|<image|<foreignObject/i);
    }
  });
});
