/**
 * What a Pipeline offers services: its classifier's confidence and summary
 * after its transformers, and `clone` with `step__param` parameters.
 */
import { capabilityOf, provide } from '../base/capabilities.js';
import { predictWithConfidence } from '../base/confidence.js';
import { cloneHook, confidenceHook, summaryHook } from '../base/hooks.js';
import type { Classifier, Transformer } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { clone, type ParamSet } from '../model-selection/clone.js';
import { Pipeline, type PipelineStep } from './pipeline.js';

provide(confidenceHook, Pipeline, (p: Pipeline, X: Matrix) => predictWithConfidence(p.classifier, p.transform(X)));

provide(summaryHook, Pipeline, (p: Pipeline) => {
  const inner = capabilityOf(p.classifier, summaryHook);
  return inner ? inner(p.classifier as never) : '';
});

/** Parameters are named `step__param` as scikit-learn names them (`{ svc__C: 10 }`); every step is cloned. */
provide(cloneHook, Pipeline, (pipeline: Pipeline, params: ParamSet, where: string) => {
  const own = new Map<string, ParamSet>(pipeline.steps.map(([name]) => [name, {}]));
  for (const [key, value] of Object.entries(params)) {
    const cut = key.indexOf('__');
    const step = cut < 0 ? undefined : own.get(key.slice(0, cut));
    if (!step) {
      throw new TypeError(
        `${where}: Pipeline has no parameter '${key}', expected 'step__param' with a step among ${pipeline.steps.map(([n]) => `'${n}'`).join(', ')}`,
      );
    }
    step[key.slice(cut + 2)] = value;
  }
  return new Pipeline(
    pipeline.steps.map(([name, m]): PipelineStep => [name, clone(m as Transformer | Classifier, own.get(name)!, `${where} (step '${name}')`)]),
  );
});
