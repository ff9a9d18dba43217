/**
 * The JSON that `POST /api/read` answers: a reading result mapped in one
 * place, so that a change of {@link ReadDigitsResult} (lines, separators) is
 * one change here. Browser-safe: the page's worker uses it too.
 */
import type { PixelBox } from '../reading/components.js';
import type { DigitAlternative, ReadDigitsResult } from '../reading/read.js';

/** One character read, as the API and the page give it. */
export interface ApiCharacter {
  /** What the model read, as text (`'7'`, even when uncertain); a separator's own character when the reader gives one. */
  value: string;
  /** The digit, or null for a character that is not a digit (a separator). */
  digit: number | null;
  /** The probability of `digit`, 0..1; null when the model gives none. */
  probability: number | null;
  /** The three likeliest other digits with their probabilities, most probable first. */
  alternatives: DigitAlternative[];
  /** The confidence behind `uncertain` (the probability, or the model's own score); null when there is none. */
  confidence: number | null;
  /** True when the confidence is under `minConfidence`: the text shows `?`. */
  uncertain: boolean;
  /** Where the character is in the picture, in its pixels. */
  box: PixelBox;
}

/** The body of a successful `POST /api/read`. */
export interface ApiReadResult {
  /** The text read; an uncertain digit is `?`. */
  text: string;
  /** The lines, as the reader gives them (passed through unchanged when it does; absent otherwise). */
  lines?: unknown[];
  /** Every character, in reading order. */
  characters: ApiCharacter[];
  /** The format the digits were given to the model in (`'mnist'` or `'digits8x8'`). */
  format: string;
  /** The picture's width in pixels. */
  width: number;
  /** The picture's height in pixels. */
  height: number;
}

/** NaN (no probability) becomes null: JSON has no NaN. */
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * A reading result as plain JSON: each digit becomes a character with its
 * value, probability, top-3 alternatives, box and uncertain flag; NaN becomes
 * null; `lines` is passed through when the result has them.
 */
export function toApiJson(result: ReadDigitsResult): ApiReadResult {
  const r = result as ReadDigitsResult & { lines?: unknown[] };
  const characters = r.digits.map((d): ApiCharacter => {
    const c = d as typeof d & { kind?: string; char?: string };
    const isDigit = c.kind === undefined || c.kind === 'digit';
    return {
      value: c.char ?? String(d.digit),
      digit: isDigit ? d.digit : null,
      probability: orNull(d.probability),
      alternatives: d.alternatives.map((a) => ({ digit: a.digit, probability: a.probability })),
      confidence: orNull(d.confidence),
      uncertain: d.uncertain,
      box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height },
    };
  });
  const out: ApiReadResult = { text: r.text, characters, format: r.format, width: r.width, height: r.height };
  if (Array.isArray(r.lines)) out.lines = r.lines;
  return out;
}
