/**
 * Node's reader of the shipped model: the file beside the package's modules,
 * read synchronously, so that `readDigits(png)` and `digitkit predict` need no
 * `await`. Imported by Node's entry for its registration.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pretrainedModelSync, pretrainedModelUrl, setPretrainedReader } from './pretrained-model.js';
import type { Classifier } from '../base/protocol.js';

setPretrainedReader(() => {
  const path = fileURLToPath(pretrainedModelUrl());
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`the shipped model cannot be read from ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the package's 'models' folder is missing: reinstall digitkit`);
  }
});

/**
 * The model that ships with digitkit, read synchronously (Node only; loaded
 * once and shared). See {@link loadPretrainedModel} for what it is.
 * @throws Error when the package's model file is missing or damaged.
 */
export function pretrainedModel(): Classifier {
  return pretrainedModelSync('pretrainedModel');
}
