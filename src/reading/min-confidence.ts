// The default of `minConfidence`, in a file of its own so that the page's script can show it without bundling the reader.

/**
 * The default `minConfidence` of `readDigits` and `digitkit predict`,
 * chosen for the model they use by default, the shipped model, on the MNIST
 * validation split (its recipe trained on the other 50,000 training images,
 * `npm run train:pretrained -- --validate`): the smallest threshold at which
 * the error among the digits accepted is at most 0.2% was 0.8910 (1.66% of
 * the 10,000 digits rejected), rounded up to 0.9 (1.77% rejected, 0.19%
 * error). The test set's figures are in docs/pretrained-model.md. (The same
 * rule gave 0.875 for the larger SVC on HOG features of
 * `npm run example:mnist-calibration`.)
 */
export const DEFAULT_MIN_CONFIDENCE = 0.9;
