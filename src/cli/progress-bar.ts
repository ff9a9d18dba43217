/**
 * The progress bar of long work on the command line: on standard error, only
 * when it is a terminal, fed by the `onProgress(done, total)` callbacks of
 * fit and predict.
 */
import cliProgress from 'cli-progress';
import type { ProgressCallback } from '../core/progress.js';

/** A bar for one stage (`fit`, `predict`); `callback` feeds it, `stop` clears it. Without a terminal (or when disabled) both do nothing. */
export function progressBar(stage: string, unit: string, enabled: boolean): { callback: ProgressCallback; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { callback: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `  ${stage.padEnd(7)} {bar} {value}/{total} ${unit} | {duration_formatted}`, hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    callback: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
