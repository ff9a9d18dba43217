export { SVC } from './svc.js';
export type { SVCParams } from './svc.js';
import './svc-hooks.js';
