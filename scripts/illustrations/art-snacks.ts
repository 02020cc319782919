import { BACKDROP, bowl, C, circle, dots, ellipse, leaf, line, path, plate, rect, svg } from './svg';

/** Chaat and street food, farsan, sweets, desserts, and the catch-all plates. */
export const SNACKS = {
  // Pani puri: hollow puris around a bowl of green water.
  chaat: svg(
    BACKDROP.green,
    plate(80, 100, 64, 30) +
      [[48, 96], [72, 84], [96, 86], [60, 112], [88, 110]].map(([x, y]) => circle(x!, y!, 12, C.crust) + ellipse(x!, y! - 3, 5, 3, C.darkBrown, { stroke: 'none' })).join('') +
      bowl(118, 104, 18, 14, C.steel, C.green) +
      dots([[58, 92], [82, 80]], 2, C.yellow),
  ),
  // Samosas with green and red chutneys.
  samosa: svg(
    BACKDROP.yellow,
    plate(80, 104, 64, 26) +
      path('M34 108 L62 54 L88 108 q-26 8 -54 0z', C.crust) +
      path('M72 108 L100 58 L126 108 q-26 8 -54 0z', C.dough) +
      line('M62 54 l0 50 M100 58 l0 46', C.char, 2) +
      ellipse(52, 122, 10, 4, C.green) +
      ellipse(108, 122, 10, 4, C.gravy),
  ),
  // Dhokla: spongy yellow squares, tempered with mustard seeds and chilli.
  dhokla: svg(
    BACKDROP.yellow,
    plate(80, 104, 64, 26) +
      [[44, 78], [80, 72], [62, 96], [98, 92]].map(([x, y]) => rect(x!, y!, 30, 22, 4, C.yellow)).join('') +
      dots([[52, 82], [66, 86], [88, 76], [100, 80], [70, 100], [84, 104], [104, 98], [118, 104]], 2, C.darkBrown) +
      line('M112 72 q10 -10 18 -2', C.green, 5) +
      leaf(46, 110, -20),
  ),
  // Pav bhaji: the spiced mash with a knob of butter, and buttered buns.
  pavBhaji: svg(
    BACKDROP.orange,
    plate(80, 104, 64, 28) +
      path('M30 100 q6 -30 34 -30 q26 0 30 30 q-32 10 -64 0z', C.gravy) +
      rect(54, 76, 12, 10, 2, C.yellow, { 'stroke-width': 2 }) +
      dots([[42, 92], [76, 90]], 2.5, C.green) +
      rect(96, 78, 34, 24, 10, C.crust) +
      rect(96, 100, 34, 14, 7, C.dough) +
      ellipse(46, 116, 8, 3.5, 'none', { stroke: C.purple }),
  ),
  // Gulab jamun in syrup (and mithai at large).
  gulabJamun: svg(
    BACKDROP.pink,
    bowl(80, 84, 52, 38, C.white, C.syrup) +
      circle(64, 78, 12, C.darkBrown) +
      circle(92, 76, 12, C.darkBrown) +
      circle(78, 90, 12, C.darkBrown) +
      line('M58 72 q4 -4 8 -3 M86 70 q4 -4 8 -3 M72 84 q4 -4 8 -3', C.crust, 2) +
      dots([[100, 90], [56, 90]], 2.5, C.green),
  ),
  // Ice cream in a cup (desserts).
  iceCream: svg(
    BACKDROP.blue,
    path('M46 86 l68 0 l-10 38 l-48 0z', C.sky) +
      circle(62, 76, 16, C.pink) +
      circle(96, 76, 16, C.cream) +
      circle(80, 60, 16, C.darkBrown) +
      circle(80, 42, 6, C.red) +
      line('M80 36 q2 -8 8 -10', C.leaf, 2.5) +
      line('M58 100 l44 0', C.white, 3),
  ),
  // The restaurant's picks: a plate under a star.
  recommended: svg(
    BACKDROP.yellow,
    plate(80, 106, 64, 24) +
      path('M80 28 l10 22 l24 2 l-18 16 l6 24 l-22 -13 l-22 13 l6 -24 l-18 -16 l24 -2z', C.yellow) +
      dots([[40, 58], [124, 66], [116, 36]], 3, C.saffron),
  ),
  // Anything else: a plate with a fork and a knife.
  default: svg(
    BACKDROP.brown,
    circle(80, 84, 44, C.plate) +
      circle(80, 84, 32, C.rim, { 'stroke-width': 2 }) +
      line('M22 52 l0 18 M28 52 l0 18 M34 52 l0 18 M28 70 l0 52', C.steelDark, 4) +
      path('M132 50 q-10 12 -6 32 l4 0 l0 40', 'none', { stroke: C.steelDark, 'stroke-width': 5 }) +
      leaf(74, 80, -20) +
      leaf(82, 86, 160, C.leaf),
  ),
};
