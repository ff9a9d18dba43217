/**
 * Colours as plain RGB triples, and the few colour facts the plots need.
 */

/** An RGB colour, each channel an integer 0..255. */
export type Color = readonly [number, number, number];

/** Pure white. */
export const WHITE: Color = [255, 255, 255];
/** Pure black. */
export const BLACK: Color = [0, 0, 0];
/** The dark grey used for axis text and frames. */
export const INK: Color = [34, 34, 34];
/** A light grey for rules and frames that should not shout. */
export const LIGHT_GREY: Color = [200, 200, 200];
/** A clear red, for wrong predictions and boxes. */
export const RED: Color = [214, 39, 40];
/** A clear green, for right predictions. */
export const GREEN: Color = [44, 160, 44];
/** A calm blue, for bars. */
export const BLUE: Color = [31, 119, 180];

/**
 * Relative luminance (0 = black, 1 = white) of an sRGB colour, as defined by
 * WCAG 2: channels are linearised, then weighted 0.2126 / 0.7152 / 0.0722.
 */
export function luminance(color: Color): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(color[0]) + 0.7152 * lin(color[1]) + 0.0722 * lin(color[2]);
}

/**
 * The text colour that reads best on `background`: white on dark colours,
 * near-black on light ones.
 */
export function contrastText(background: Color): Color {
  // 0.18 is about where white and black text have equal contrast ratios.
  return luminance(background) < 0.18 ? WHITE : INK;
}

/** Whether `value` is an RGB triple of integers 0..255. */
export function isColor(value: unknown): value is Color {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    (value as ArrayLike<unknown>).length === 3 &&
    Array.prototype.every.call(value, (c: unknown) => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 255)
  );
}
