export { TemplateMatcher } from './TemplateMatcher.js';
export type { TemplateMatch, TemplateMatcherParams, TemplateMode } from './TemplateMatcher.js';
