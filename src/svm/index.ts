export { SVC } from './svc.js';
export type { SVCParams, SvcSaved } from './svc.js';
export type { KernelName } from '../compute/kernels.js';
import './svc-hooks.js';
