/**
 * Which orientation bin a gradient falls into, exactly as scikit-image decides
 * it, mostly without `atan2`.
 *
 * scikit-image computes θ = rad2deg(atan2(g_row, g_col)) mod 180 and puts the
 * pixel into bin i when i·s ≤ θ < (i+1)·s, with s = 180 / orientations (a
 * pixel that matches no bin, like θ rounded up to 180, counts nowhere). Here
 * the bin is found by the sign of cross products against the boundary
 * directions; only when a gradient lies within ~1e-9 rad of a boundary (or of
 * the horizontal) is the angle computed the way scikit-image computes it, so
 * that rounding decides the same way.
 */

/** Relative distance to a boundary below which the exact angle is computed. */
const NEAR = 1e-9;
const RAD2DEG = 180 / Math.PI;

/** The orientation binning for a given number of bins. */
export class OrientationBins {
  readonly orientations: number;
  /** Bin edges in degrees, as scikit-image computes them: `edges[i] = s * i`. */
  private readonly edges: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(orientations: number) {
    this.orientations = orientations;
    const step = 180 / orientations;
    this.edges = new Float64Array(orientations + 1);
    this.cos = new Float64Array(orientations);
    this.sin = new Float64Array(orientations);
    for (let i = 0; i <= orientations; i++) this.edges[i] = step * i;
    for (let k = 1; k < orientations; k++) {
      const a = (this.edges[k] * Math.PI) / 180;
      this.cos[k] = Math.cos(a);
      this.sin[k] = Math.sin(a);
    }
  }

  /**
   * The bin of gradient (`gRow`, `gCol`) with magnitude `mag`, or −1 when
   * scikit-image would count it in no bin. `mag` must be > 0.
   */
  bin(gRow: number, gCol: number, mag: number): number {
    if (gRow === 0) return 0; // θ = 0 exactly (also for g_col < 0: 180 mod 180)
    // Fold into the upper half-plane: the orientation is the same.
    let x = gCol;
    let y = gRow;
    if (y < 0) {
      x = -x;
      y = -y;
    }
    const tol = NEAR * mag;
    if (y <= tol) return this.exactBin(gRow, gCol);
    const n = this.orientations;
    const cos = this.cos;
    const sin = this.sin;
    let b = 0;
    for (let k = 1; k < n; k++) {
      const cross = cos[k] * y - sin[k] * x; // > 0 ⇔ angle > edge k
      if (cross > tol) b = k;
      else if (cross < -tol) break;
      else return this.exactBin(gRow, gCol);
    }
    return b;
  }

  /** scikit-image's own computation: θ = rad2deg(atan2) mod 180 (numpy's floored modulo), then the edges. */
  exactBin(gRow: number, gCol: number): number {
    let t = (Math.atan2(gRow, gCol) * RAD2DEG) % 180;
    if (t < 0) t += 180;
    const e = this.edges;
    for (let i = 0; i < this.orientations; i++) {
      if (t >= e[i] && t < e[i + 1]) return i;
    }
    return -1;
  }
}

const BYTE_SPAN = 511; // gradients of 8-bit images lie in −255..255
const byteTables = new Map<number, Int16Array>();

/**
 * The bin of every integer gradient (gRow, gCol) in −255..255 — all the
 * gradients an 8-bit image can have — at index `(gRow + 255) * 511 + gCol + 255`.
 * Built once per orientation count (from {@link OrientationBins.bin}, so the
 * same decisions) and shared.
 */
export function byteGradientBins(orientations: number): Int16Array {
  let t = byteTables.get(orientations);
  if (!t) {
    const bins = new OrientationBins(orientations);
    t = new Int16Array(BYTE_SPAN * BYTE_SPAN);
    for (let gr = -255; gr <= 255; gr++) {
      for (let gc = -255; gc <= 255; gc++) {
        t[(gr + 255) * BYTE_SPAN + gc + 255] = gr === 0 && gc === 0 ? 0 : bins.bin(gr, gc, Math.sqrt(gr * gr + gc * gc));
      }
    }
    byteTables.set(orientations, t);
  }
  return t;
}
