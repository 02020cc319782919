import { BACKDROP, bowl, C, circle, dots, ellipse, leaf, line, path, plate, steam, svg } from './svg';

/** Udupi tiffin rooms, messes, Kerala, coastal and Bengali kitchens. */
export const SOUTH = {
  // A golden dosa rolled into a cone, with coconut and tomato chutneys.
  dosa: svg(
    BACKDROP.yellow,
    plate(80, 104, 64, 26) +
      path('M24 104 L124 62 q12 6 4 22 L32 112 q-10 -2 -8 -8z', C.crust) +
      line('M44 100 L120 68 M58 98 L122 74', C.char, 2) +
      ellipse(60, 118, 13, 6, C.white) +
      ellipse(100, 118, 13, 6, C.tomato) +
      dots([[58, 116], [62, 119]], 1.5, C.darkBrown),
  ),
  // Soft idlis with a crisp vada and a cup of sambar.
  idli: svg(
    BACKDROP.green,
    plate(80, 104, 64, 28) +
      ellipse(54, 96, 20, 10, C.rice) +
      ellipse(80, 88, 20, 10, C.rice) +
      path('M96 100 a20 12 0 1 0 40 0 a20 12 0 1 0 -40 0z M110 100 a6 3.5 0 1 0 12 0 a6 3.5 0 1 0 -12 0z', C.crust, { 'fill-rule': 'evenodd' }) +
      ellipse(62, 118, 14, 6, C.curry) +
      leaf(84, 110, 10),
  ),
  // South Indian meals on a banana leaf: rice, sambar, poriyal and a papad.
  meals: svg(
    BACKDROP.green,
    path('M18 110 q20 -60 90 -74 q36 -6 40 6 q-4 58 -92 86 q-34 8 -38 -18z', C.banana) +
      line('M34 112 Q90 70 140 44', C.leaf, 2.5) +
      path('M56 96 q6 -24 28 -22 q18 4 12 22 q-16 14 -40 0z', C.rice) +
      circle(108, 66, 10, C.curry) +
      circle(122, 86, 9, C.green) +
      circle(38, 110, 8, C.turmeric) +
      circle(104, 98, 12, C.cheese, { 'stroke-width': 2 }),
  ),
  // Appam with its lacy edge beside a bowl of white stew (Kerala).
  kerala: svg(
    BACKDROP.teal,
    plate(80, 104, 64, 28) +
      ellipse(64, 96, 34, 18, C.cream) +
      ellipse(64, 96, 18, 9, C.rice, { 'stroke-width': 2 }) +
      line('M34 96 q2 -6 6 -8 M90 92 q4 2 6 6', C.crust, 2.5) +
      bowl(112, 100, 24, 18, C.brown, C.milk) +
      leaf(104, 96, 0, C.leaf) +
      dots([[116, 98], [120, 102]], 2, C.gravy),
  ),
  // A whole fried fish, masala-red, with lemon and onion.
  fish: svg(
    BACKDROP.blue,
    plate(80, 100, 64, 28) +
      path('M34 96 q30 -26 68 -8 l22 -14 q4 14 0 28 l-22 -12 q-36 24 -68 6z', C.gravy) +
      circle(48, 94, 3, C.white, { 'stroke-width': 1.5 }) +
      line('M66 86 q6 8 0 16 M80 84 q6 10 0 20', C.char, 2.5) +
      path('M112 116 l14 -10 a9 9 0 0 1 -14 10z', C.yellow) +
      ellipse(46, 116, 8, 3.5, 'none', { stroke: C.purple }),
  ),
  // Fish in a mustard-yellow gravy (Bengali jhol, coastal curries).
  fishCurry: svg(
    BACKDROP.yellow,
    bowl(80, 82, 52, 40, C.brown, C.turmeric) +
      path('M56 78 q8 -8 20 -4 q6 6 -2 10 q-12 4 -18 -6z', C.crust) +
      path('M86 84 q8 -8 20 -4 q6 6 -2 10 q-12 4 -18 -6z', C.crust) +
      dots([[72, 86], [98, 76], [64, 72]], 2, C.green) +
      leaf(76, 74, 20, C.leaf) +
      steam(72, 48),
  ),
  // Layered Malabar parotta, coiled.
  parotta: svg(
    BACKDROP.brown,
    plate(80, 100, 62, 28) +
      ellipse(80, 92, 46, 26, C.dough) +
      line('M80 92 m-6 0 a6 4 0 1 1 12 0 a14 8 0 1 1 -26 0 a22 13 0 1 1 42 0 a30 18 0 1 1 -58 0', C.crust, 3) +
      dots([[62, 84], [100, 98], [88, 78]], 2.5, C.char),
  ),
  // Rasgulla and rosogolla: white, spongy, in syrup.
  rasgulla: svg(
    BACKDROP.pink,
    bowl(80, 84, 52, 38, C.white, '#f6e3b0') +
      circle(64, 78, 13, C.rice) +
      circle(92, 76, 13, C.rice) +
      circle(78, 90, 13, C.rice) +
      line('M58 72 q4 -4 8 -3 M86 70 q4 -4 8 -3', C.white, 2) +
      leaf(104, 90, 20),
  ),
};
