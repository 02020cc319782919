import { BACKDROP, bowl, C, circle, dots, ellipse, group, leaf, line, path, plate, rect, steam, svg } from './svg';

/** Biryani houses, North Indian and Mughlai kitchens, kebabs and breads. */
export const NORTH = {
  // A clay handi heaped with saffron-streaked rice and a leg piece.
  biryani: svg(
    BACKDROP.orange,
    path('M34 84 q0 44 46 44 q46 0 46 -44z', C.brown) +
      rect(30, 78, 100, 12, 6, C.darkBrown) +
      path('M40 80 q10 -34 40 -36 q30 2 40 36z', C.rice) +
      path('M58 62 q8 -6 14 2 M86 56 q8 -4 12 4 M70 72 q8 -6 16 0', 'none', { stroke: C.saffron, 'stroke-width': 5 }) +
      path('M88 66 q10 -14 22 -6 q6 8 -6 16 q-10 4 -16 -2z', C.gravy) +
      line('M96 74 l-8 8', C.rice, 5) +
      leaf(50, 70, -20) +
      leaf(100, 50, 30, C.leaf),
  ),
  // A steel bowl of orange curry with a swirl of cream and coriander.
  curry: svg(
    BACKDROP.orange,
    bowl(80, 82, 52, 40, C.steel, C.curry) +
      line('M62 80 q10 -8 20 0 q10 8 20 0', C.cream, 4) +
      leaf(54, 76, -15) +
      leaf(96, 86, 20) +
      steam(72, 50),
  ),
  // Korma: a pale, nutty gravy with almond slivers and cream.
  korma: svg(
    BACKDROP.yellow,
    bowl(80, 82, 52, 40, C.darkBrown, C.cream) +
      line('M60 82 q12 -8 22 0 q10 8 22 0', C.saffron, 3) +
      ellipse(66, 76, 5, 2.5, C.dough, { 'stroke-width': 1.5 }) +
      ellipse(94, 80, 5, 2.5, C.dough, { 'stroke-width': 1.5 }) +
      ellipse(82, 88, 5, 2.5, C.dough, { 'stroke-width': 1.5 }) +
      leaf(72, 86, 10),
  ),
  // Fiery red gravy in a black kadai with whole red chillies and curry leaves.
  chettinad: svg(
    BACKDROP.red,
    ellipse(28, 82, 8, 5, C.darkBrown) +
      ellipse(132, 82, 8, 5, C.darkBrown) +
      bowl(80, 82, 50, 38, '#4a4a4a', C.chili) +
      path('M58 74 q10 -10 22 -2 l-4 4 q-8 -4 -16 2z', C.red) +
      path('M88 86 q12 -8 20 2 l-4 3 q-6 -5 -14 -1z', C.red) +
      leaf(72, 84, -30, C.leaf) +
      leaf(94, 72, 15, C.leaf) +
      steam(72, 46),
  ),
  // Tandoori chicken: a charred drumstick with a lemon wedge and onion rings.
  tandoori: svg(
    BACKDROP.red,
    plate(80, 96, 60, 26) +
      path('M52 92 q-6 -30 22 -38 q26 -4 30 22 q2 16 -16 22 l18 16 q6 -2 8 4 q0 6 -8 6 q0 6 -6 6 q-6 -2 -4 -8 l-18 -16 q-22 4 -26 -14z', C.gravy) +
      dots([[66, 74], [80, 66], [84, 82], [70, 88]], 2.5, C.char) +
      path('M110 92 l18 -4 a10 10 0 0 1 -18 4z', C.yellow) +
      ellipse(44, 108, 9, 4, 'none', { stroke: C.purple }) +
      ellipse(116, 110, 8, 3.5, 'none', { stroke: C.purple }),
  ),
  // Seekh kebabs on a skewer between onion and tomato.
  kebab: svg(
    BACKDROP.brown,
    line('M26 118 L134 42', C.steelDark, 5) +
      path('M42 98 q4 -10 14 -8 l18 -12 q10 -2 10 8 q-4 10 -14 8 l-18 12 q-10 2 -10 -8z', C.brown) +
      path('M82 70 q4 -10 14 -8 l14 -10 q10 -2 10 8 q-4 10 -14 8 l-14 10 q-10 2 -10 -8z', C.brown) +
      dots([[52, 94], [62, 88], [92, 68], [104, 60]], 2.5, C.char) +
      circle(78, 80, 7, C.tomato) +
      circle(120, 50, 6, C.purple) +
      circle(36, 106, 6, C.tomato) +
      leaf(60, 112, 10) +
      leaf(96, 98, -20),
  ),
  // Naan and roti, blistered from the tandoor.
  bread: svg(
    BACKDROP.yellow,
    path('M30 96 q-4 -40 44 -46 q40 -2 52 26 q6 28 -40 34 q-44 6 -56 -14z', C.dough) +
      ellipse(96, 100, 34, 22, C.crust) +
      dots([[50, 80], [64, 70], [80, 74], [58, 92], [90, 64]], 3, C.char) +
      dots([[86, 96], [100, 104], [108, 94], [94, 110]], 2.5, C.char) +
      line('M44 84 q8 -4 14 0', C.white, 2) +
      leaf(110, 112, -10),
  ),
  // Kathi roll: a paratha wrap, cut to show the filling, half in its paper.
  roll: svg(
    BACKDROP.orange,
    group(
      rect(-19, -50, 38, 100, 17, C.dough) +
        ellipse(0, -46, 18, 8, C.gravy, { 'stroke-width': 2.5 }) +
        dots([[-8, -47], [6, -44], [0, -49]], 2.5, C.green) +
        dots([[-3, -43], [9, -48]], 2, C.cream) +
        rect(-21, 6, 42, 48, 6, C.white) +
        line('M-21 20 l42 0 M-21 34 l42 0', C.red, 3),
      { transform: 'translate(82 80) rotate(32)' },
    ) + leaf(36, 112, -20),
  ),
  // Plain steamed rice, heaped, with a sprinkle of cumin.
  rice: svg(
    BACKDROP.green,
    bowl(80, 92, 50, 34, C.steel, C.rice) +
      path('M40 92 q8 -44 40 -46 q32 2 40 46z', C.rice) +
      dots([[62, 70], [74, 62], [88, 66], [98, 78], [70, 80], [84, 82]], 1.8, C.brown) +
      leaf(78, 54, -10) +
      steam(72, 38),
  ),
  // A steel thali: katoris of dal, sabzi and raita, with rice, roti and a pickle.
  thali: svg(
    BACKDROP.yellow,
    ellipse(80, 88, 66, 48, C.steel) +
      ellipse(80, 88, 58, 41, C.steelDark, { stroke: 'none', opacity: 0.35 }) +
      ellipse(56, 70, 14, 9, C.turmeric) +
      ellipse(86, 62, 14, 9, C.green) +
      ellipse(114, 76, 14, 9, C.white) +
      ellipse(112, 104, 16, 10, C.curry) +
      path('M42 100 q4 -16 22 -12 q14 6 6 18 q-12 10 -28 -6z', C.rice) +
      ellipse(80, 106, 16, 9, C.dough) +
      dots([[76, 104], [84, 108]], 2, C.char) +
      circle(80, 84, 5, C.chili),
  ),
  // Luchi: puffed, golden, fried bread.
  luchi: svg(
    BACKDROP.yellow,
    plate(80, 100, 60, 26) +
      ellipse(56, 90, 26, 18, C.dough) +
      ellipse(100, 86, 26, 18, C.dough) +
      ellipse(80, 104, 26, 16, C.crust) +
      line('M46 84 q8 -6 16 -2 M92 80 q8 -6 16 -2', C.white, 2.5) +
      leaf(116, 110, -20),
  ),
};
