/**
 * Sequential colour maps: piecewise-linear interpolation (in sRGB) between a
 * handful of control colours spread evenly over [0, 1].
 */
import { paramMessage } from '../core/errors.js';
import type { Color } from './color.js';
import { isColor } from './color.js';

/** A function from a position in [0, 1] to a colour, with a name. */
export interface ColorMap {
  /** A short name, e.g. `'viridis'`. */
  readonly name: string;
  /** The colour at `t`; `t` is clamped to [0, 1], NaN gives the colour at 0. */
  at(t: number): Color;
}

/**
 * Builds a colour map that interpolates linearly between `stops`, placed at
 * evenly spaced positions 0, 1/(n-1), …, 1.
 *
 * @param name the map's name.
 * @param stops at least two colours, the first for 0 and the last for 1.
 * @throws RangeError when fewer than two stops or a stop is not an RGB triple.
 */
export function makeColorMap(name: string, stops: readonly Color[]): ColorMap {
  if (!Array.isArray(stops) || stops.length < 2) {
    throw new RangeError(paramMessage('makeColorMap', 'stops', 'an array of at least 2 colours', stops));
  }
  stops.forEach((c, i) => {
    if (!isColor(c)) throw new RangeError(paramMessage('makeColorMap', `stops[${i}]`, 'an RGB triple of integers 0..255', c));
  });
  const table = stops.map((c) => [c[0], c[1], c[2]] as const);
  const last = table.length - 1;
  return {
    name,
    at(t: number): Color {
      const x = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * last;
      const i = Math.min(last - 1, Math.floor(x));
      const f = x - i;
      const a = table[i];
      const b = table[i + 1];
      return [
        Math.round(a[0] + (b[0] - a[0]) * f),
        Math.round(a[1] + (b[1] - a[1]) * f),
        Math.round(a[2] + (b[2] - a[2]) * f),
      ];
    },
  };
}

/**
 * A viridis-like map: dark purple → blue → teal → green → yellow, with
 * lightness rising steadily (readable in greyscale and by colour-blind readers).
 */
export const viridis: ColorMap = makeColorMap('viridis', [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
]);

/** A sequential blue map: near-white for low values, deep navy for high ones. */
export const blues: ColorMap = makeColorMap('blues', [
  [247, 251, 255],
  [208, 226, 243],
  [160, 200, 228],
  [98, 158, 206],
  [48, 115, 180],
  [16, 76, 145],
  [8, 45, 105],
]);

/** Greys from black (0) to white (1). */
export const grays: ColorMap = makeColorMap('gray', [
  [0, 0, 0],
  [255, 255, 255],
]);

/** Greys from white (0) to black (1): dark ink on paper, like matplotlib's `gray_r`. */
export const graysReversed: ColorMap = makeColorMap('gray_r', [
  [255, 255, 255],
  [0, 0, 0],
]);

/** The colour maps known by name. */
export const colorMaps: Readonly<Record<string, ColorMap>> = {
  viridis,
  blues,
  gray: grays,
  gray_r: graysReversed,
};

/** Names accepted wherever a colour map can be given by name. */
export type ColorMapName = 'viridis' | 'blues' | 'gray' | 'gray_r';

/**
 * Resolves a colour map given by name or as a {@link ColorMap}.
 * @throws RangeError for an unknown name, TypeError for anything else.
 */
export function resolveColorMap(value: ColorMap | ColorMapName | undefined, fallback: ColorMap, where: string, name = 'colorMap'): ColorMap {
  if (value === undefined) return fallback;
  if (typeof value === 'string') {
    const map = Object.prototype.hasOwnProperty.call(colorMaps, value) ? colorMaps[value] : undefined;
    if (!map) throw new RangeError(paramMessage(where, name, `one of ${Object.keys(colorMaps).map((k) => `'${k}'`).join(', ')} or a ColorMap`, value));
    return map;
  }
  if (value !== null && typeof value === 'object' && typeof (value as ColorMap).at === 'function') return value;
  throw new TypeError(paramMessage(where, name, 'a colour map name or a ColorMap', value));
}
