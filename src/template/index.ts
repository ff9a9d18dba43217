export { TemplateMatcher } from './template-matcher.js';
export type { TemplateMatch, TemplateMatcherParams, TemplateMode, TemplateSaved } from './template-matcher.js';
