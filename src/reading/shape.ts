/**
 * The shape of a piece of ink from its pixels: centre, principal axes and slant.
 */

/** Second moments of a set of pixels. */
export interface PieceShape {
  /** Number of pixels. */
  area: number;
  /** Centre of the pixels. */
  cx: number;
  cy: number;
  /** Standard deviations along the principal axes (major ≥ minor). */
  major: number;
  minor: number;
  /**
   * Angle of the major axis from the vertical, in degrees, −90..90: positive when
   * the top of the piece lies to the right of its bottom (as in '/').
   */
  slant: number;
}

/** The centre, principal axes and slant of pixels given as indices `y * width + x` (non-empty). */
export function pieceShape(pixels: ArrayLike<number>, width: number): PieceShape {
  const n = pixels.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const y = (pixels[i] / width) | 0;
    sx += pixels[i] - y * width;
    sy += y;
  }
  const cx = sx / n;
  const cy = sy / n;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < n; i++) {
    const y = (pixels[i] / width) | 0;
    const dx = pixels[i] - y * width - cx;
    const dy = y - cy;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  xx = xx / n + 1 / 12; // a pixel is a unit square, not a point
  yy = yy / n + 1 / 12;
  xy /= n;
  const mean = (xx + yy) / 2;
  const d = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  // Image rows grow downwards, so a '/' (top to the right) has a negative x–y covariance.
  const slant = (Math.atan2(-2 * xy, yy - xx) / 2) * (180 / Math.PI);
  return { area: n, cx, cy, major: Math.sqrt(mean + d), minor: Math.sqrt(Math.max(0, mean - d)), slant };
}
