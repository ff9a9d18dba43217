/** Swaps entries i and j of an array or typed array (the solver's shrinking moves samples around). */
export function swapEntries(a: { [k: number]: number }, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
