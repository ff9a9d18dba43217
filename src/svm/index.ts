export { SVC } from './SVC.js';
export type { SVCParams } from './SVC.js';
