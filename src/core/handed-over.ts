/**
 * Arrays that digitkit made for one consumer and keeps no reference to: a
 * pipeline's transformed training rows, made for its classifier alone. A
 * classifier that would copy its training rows may keep such an array instead
 * (`takeOver`), as nobody else can change it. On the chosen HOG features of
 * MNIST's 60,000 training images, this spares a k-NN pipeline's fit a second
 * 972 MB copy.
 */

const handedOver = new WeakSet<Float64Array>();

/** Marks `data` as made for its one consumer, which may keep it uncopied. */
export function handOver(data: Float64Array): void {
  handedOver.add(data);
}

/** Whether `data` was handed over (once: the mark is removed, so only one consumer keeps it). */
export function takeOver(data: Float64Array): boolean {
  return handedOver.delete(data);
}
