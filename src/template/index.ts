export { TemplateMatcher } from './template-matcher.js';
export type { TemplateMatch, TemplateMatcherParams, TemplateMode } from './template-matcher.js';
