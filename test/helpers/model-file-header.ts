/** Editing the JSON header of a binary model file, as a damaged or tampered file would have it. */
import { checksum32 } from '../../src/persistence/checksum.js';

/** The header of a model file, and a way to write a changed one back (with a right checksum). */
export function editHeader(bytes: Uint8Array, edit: (header: any) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const length = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + length)));
  edit(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((20 + length) / 8) * 8;
  const head = new Uint8Array(Math.ceil((20 + text.length) / 8) * 8);
  head.set(bytes.subarray(0, 20));
  const v = new DataView(head.buffer);
  v.setUint32(12, text.length, true);
  v.setUint32(16, checksum32(text), true);
  head.set(text, 20);
  const out = new Uint8Array(head.length + bytes.length - dataStart);
  out.set(head);
  out.set(bytes.subarray(dataStart), head.length);
  return out;
}
