/**
 * Axis ticks and number formatting for colour bars and cell annotations.
 */

/**
 * Up to about `maxTicks` "nice" values (1, 2 or 5 times a power of ten apart)
 * covering [min, max]. When min equals max, that one value.
 */
export function niceTicks(min: number, max: number, maxTicks = 6): { ticks: number[]; step: number } {
  if (!(max > min)) return { ticks: [min], step: 0 };
  const raw = (max - min) / Math.max(1, maxTicks - 1);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(roundTo(k * step, step));
  return { ticks, step };
}

function roundTo(v: number, step: number): number {
  const d = decimalsFor(step);
  return Number(v.toFixed(Math.min(20, d)));
}

function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  let d = 0;
  while (d < 12 && Math.abs(Math.round(step * Math.pow(10, d)) - step * Math.pow(10, d)) > 1e-9 * Math.pow(10, d)) d++;
  return d;
}

/** A tick label: as many decimals as the step needs, exponent form for very large or small values. */
export function formatTick(value: number, step: number): string {
  const a = Math.abs(value);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return shortExponential(value, 2);
  return value.toFixed(decimalsFor(step));
}

/**
 * The default format of a value written in a cell: integers as they are,
 * other numbers with 3 significant digits (exponent form below 0.001 or from 1e6 up).
 */
export function formatValue(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const a = Math.abs(value);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return shortExponential(value, 3);
  return value.toPrecision(3);
}

/** `1.5e-4` rather than `1.50e-4`, and `1e+6` written as `1e6`. */
function shortExponential(value: number, digits: number): string {
  const [mant, exp] = value.toExponential(digits - 1).split('e');
  const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
  return `${m}e${exp.replace('+', '')}`;
}
