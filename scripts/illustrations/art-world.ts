import { BACKDROP, bowl, C, circle, dots, ellipse, INK, leaf, line, path, plate, rect, steam, svg } from './svg';

/** Chinese and Tibetan kitchens, pizzerias, cafés and fast food. */
export const WORLD = {
  // Hakka noodles in a bowl, with chopsticks.
  noodles: svg(
    BACKDROP.red,
    line('M100 30 L70 84 M114 34 L80 86', C.darkBrown, 5) +
      bowl(80, 86, 52, 38, C.red, C.turmeric) +
      line('M46 86 q6 -10 12 0 q6 10 12 0 q6 -10 12 0 q6 10 12 0 q6 -10 12 0 q6 10 8 0', C.crust, 3) +
      dots([[60, 82], [90, 90], [104, 82]], 3, C.green) +
      dots([[74, 90], [96, 80]], 3, C.tomato),
  ),
  // Fried rice on a plate with peas, carrot and egg, and a spoon.
  friedRice: svg(
    BACKDROP.yellow,
    plate(80, 102, 64, 28) +
      path('M36 100 q6 -34 44 -36 q38 2 44 36 q-44 12 -88 0z', '#f6e2a8') +
      dots([[56, 88], [70, 78], [92, 82], [104, 92], [80, 94], [64, 96]], 3, C.green) +
      dots([[62, 82], [84, 76], [98, 88], [74, 90]], 3, C.curry) +
      path('M112 112 l24 -26 q6 -2 6 4 l-24 26z', C.steel),
  ),
  // A bowl of hot soup with a spoon.
  soup: svg(
    BACKDROP.orange,
    bowl(80, 88, 52, 38, C.white, C.curry) +
      dots([[64, 86], [92, 90], [78, 84]], 3, C.green) +
      dots([[70, 92], [98, 84]], 2.5, C.cream) +
      path('M100 88 l30 -34 q6 -2 6 4 l-30 34z', C.steel) +
      steam(64, 56),
  ),
  // Manchurian and chilli starters: glossy balls in sauce with spring onion.
  manchurian: svg(
    BACKDROP.red,
    bowl(80, 88, 52, 36, C.white, C.gravy) +
      circle(62, 80, 11, C.brown) +
      circle(86, 76, 11, C.brown) +
      circle(100, 90, 10, C.brown) +
      circle(74, 94, 10, C.brown) +
      line('M58 76 q3 -3 6 -2 M82 72 q3 -3 6 -2', C.cream, 2) +
      dots([[70, 84], [94, 82], [88, 96]], 2.5, C.green) +
      line('M96 60 l14 -14 M104 64 l16 -10', C.green, 4),
  ),
  // Momos in a bamboo steamer, with red chutney.
  momos: svg(
    BACKDROP.teal,
    ellipse(80, 96, 62, 30, C.dough) +
      ellipse(80, 92, 54, 24, '#e7c48a', { 'stroke-width': 2 }) +
      [[56, 88], [84, 82], [104, 96], [70, 104]]
        .map(([x, y]) => path(`M${x! - 14} ${y! + 4} q14 -26 28 0 q-14 8 -28 0z`, C.rice) + line(`M${x! - 6} ${y! - 6} l6 6 l6 -6`, C.rim, 2))
        .join('') +
      ellipse(128, 120, 12, 6, C.chili),
  ),
  // A whole pizza, one slice pulled out.
  pizza: svg(
    BACKDROP.red,
    path('M80 80 L80 26 A54 54 0 1 0 126 52 Z', C.crust) +
      path('M80 80 L80 34 A46 46 0 1 0 120 57 Z', C.cheese, { 'stroke-width': 2 }) +
      path('M88 72 L132 46 A54 54 0 0 0 92 20 Z', C.crust, { transform: 'translate(6 -4)' }) +
      dots([[58, 68], [70, 104], [98, 100], [52, 96], [84, 118]], 6, C.tomato) +
      dots([[100, 40], [114, 40]], 5, C.tomato) +
      leaf(64, 84, 20, C.leaf) +
      leaf(94, 86, -30, C.leaf) +
      dots([[72, 54], [44, 80], [108, 82]], 3, C.darkBrown),
  ),
  // Penne in tomato sauce with basil and cheese.
  pasta: svg(
    BACKDROP.green,
    bowl(80, 88, 52, 36, C.white, C.tomato) +
      [[60, 82, -20], [80, 78, 10], [98, 86, -35], [72, 92, 30], [90, 94, 0]]
        .map(([x, y, r]) => rect(x! - 9, y! - 4, 18, 8, 3, C.cheese, { 'stroke-width': 2, transform: `rotate(${r} ${x} ${y})` }))
        .join('') +
      leaf(58, 92, -10, C.leaf) +
      leaf(100, 76, 30, C.leaf) +
      dots([[84, 84], [66, 86]], 2, C.white),
  ),
  // Burgers and sandwiches.
  burger: svg(
    BACKDROP.yellow,
    path('M36 78 q4 -38 44 -38 q40 0 44 38z', C.crust) +
      dots([[64, 56], [80, 50], [96, 58], [72, 66], [90, 68]], 2, C.cream) +
      path('M32 80 q8 8 16 0 q8 8 16 0 q8 8 16 0 q8 8 16 0 q8 8 16 0 q8 8 16 0 l0 6 l-96 0z', C.green) +
      rect(34, 86, 92, 12, 6, C.tomato) +
      rect(36, 98, 88, 14, 7, C.darkBrown) +
      path('M34 112 l92 0 q0 14 -12 14 l-68 0 q-12 0 -12 -14z', C.crust),
  ),
  // Fries in a red carton.
  fries: svg(
    BACKDROP.red,
    [46, 58, 70, 82, 94, 106].map((x, i) => rect(x, 34 + (i % 3) * 6, 9, 52, 2, C.cheese, { 'stroke-width': 2 })).join('') +
      path('M40 70 l80 0 l-10 56 l-60 0z', C.red) +
      line('M50 84 l60 0', C.white, 4),
  ),
  // All-day breakfast: fried egg, toast and a sausage.
  breakfast: svg(
    BACKDROP.blue,
    plate(80, 100, 64, 30) +
      path('M40 98 q-6 -22 16 -26 q14 -14 28 0 q16 4 10 22 q-8 16 -28 12 q-20 6 -26 -8z', C.white) +
      circle(64, 90, 10, C.yellow) +
      rect(92, 72, 30, 30, 6, C.crust, { transform: 'rotate(12 107 87)' }) +
      rect(97, 77, 20, 20, 4, C.dough, { 'stroke-width': 2, transform: 'rotate(12 107 87)' }) +
      rect(76, 108, 40, 12, 6, C.brown),
  ),
  // A cup of coffee with latte art.
  coffee: svg(
    BACKDROP.brown,
    ellipse(78, 114, 50, 12, C.plate) +
      path('M42 72 l72 0 l-8 38 q-28 10 -56 0z', C.white) +
      path('M114 78 q18 0 14 16 q-4 10 -16 8', 'none', { stroke: INK, 'stroke-width': 5 }) +
      ellipse(78, 72, 36, 9, C.coffee) +
      path('M70 72 q8 -8 16 0 q-8 6 -16 0z', C.milk, { 'stroke-width': 1.5 }) +
      steam(70, 56),
  ),
  // A tall cold drink with a straw and a lemon slice.
  drinks: svg(
    BACKDROP.teal,
    path('M54 44 l52 0 l-8 78 q-18 6 -36 0z', C.saffron) +
      path('M56 60 l48 0', 'none', { stroke: C.white, 'stroke-width': 3 }) +
      rect(62, 50, 12, 10, 2, C.white, { 'stroke-width': 2 }) +
      rect(84, 64, 12, 10, 2, C.white, { 'stroke-width': 2 }) +
      line('M92 50 L112 22 l10 0', C.red, 5) +
      circle(104, 46, 12, C.yellow) +
      line('M104 36 l0 20 M94 46 l20 0', C.white, 2),
  ),
};
