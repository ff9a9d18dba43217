/**
 * The JSON that `POST /api/read` answers: a reading result mapped in one
 * place, so that a change of {@link ReadDigitsResult} (lines, separators) is
 * one change here. Browser-safe: the page's worker uses it too.
 */
import type { PixelBox } from '../reading/components.js';
import type { CharacterRead, DigitAlternative, ReadDigitsResult } from '../reading/read.js';

/** One character read, as the API and the page give it. */
export interface ApiCharacter {
  /** `'digit'`, or `'separator'` for `.` `,` `/` `-` `:` inside a number. */
  kind: 'digit' | 'separator';
  /** What was read, as text: the digit (`'7'`, even when uncertain), or the separator itself. */
  value: string;
  /** The digit, or null for a separator. */
  digit: number | null;
  /** The probability of `digit`, 0..1; null when the model gives none, and for a separator. */
  probability: number | null;
  /** The three likeliest other digits with their probabilities, most probable first (none for a separator). */
  alternatives: DigitAlternative[];
  /** The confidence behind `uncertain` (the probability, or the model's own score); null when there is none. */
  confidence: number | null;
  /** True when the confidence is under `minConfidence`: the text shows `?`. Always false for a separator. */
  uncertain: boolean;
  /** Where the character is in the picture, in its pixels. */
  box: PixelBox;
}

/** One line of writing, as the API gives it. */
export interface ApiLine {
  /** Its text (an uncertain digit is `?`). */
  text: string;
  /** The box of its characters. */
  box: PixelBox;
  /** Its characters, left to right. */
  characters: ApiCharacter[];
}

/** The body of a successful `POST /api/read`. */
export interface ApiReadResult {
  /** The text read: the lines joined by `'\n'`; an uncertain digit is `?`. */
  text: string;
  /** The lines, top to bottom. */
  lines: ApiLine[];
  /** Every character, line after line, left to right. */
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

const box = (b: PixelBox): PixelBox => ({ x: b.x, y: b.y, width: b.width, height: b.height });

/** One character as plain JSON. */
function toApiCharacter(c: CharacterRead): ApiCharacter {
  if (c.kind === 'separator') {
    return { kind: 'separator', value: c.char, digit: null, probability: null, alternatives: [], confidence: null, uncertain: false, box: box(c.box) };
  }
  return {
    kind: 'digit',
    value: String(c.digit),
    digit: c.digit,
    probability: orNull(c.probability),
    alternatives: c.alternatives.map((a) => ({ digit: a.digit, probability: a.probability })),
    confidence: orNull(c.confidence),
    uncertain: c.uncertain,
    box: box(c.box),
  };
}

/**
 * A reading result as plain JSON: each character (digit or separator) with
 * its value, probability, top-3 alternatives, box and uncertain flag, in
 * reading order and line by line; NaN becomes null.
 */
export function toApiJson(result: ReadDigitsResult): ApiReadResult {
  return {
    text: result.text,
    lines: result.lines.map((l) => ({ text: l.text, box: box(l.box), characters: l.characters.map(toApiCharacter) })),
    characters: result.characters.map(toApiCharacter),
    format: result.format,
    width: result.width,
    height: result.height,
  };
}
