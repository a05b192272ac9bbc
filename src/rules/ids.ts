/** Every rule id, in report order (kept apart from index.ts so rules can import it). */
export const RULE_IDS: readonly string[] = [
  'title',
  'missing-section',
  'extra-section',
  'duplicate-section',
  'section-order',
  'section-level',
  'empty-section',
  'template-text',
  'placeholder',
  'front-matter',
  'toc',
  'title-underline',
  'line-length',
  'trailing-whitespace',
  'tab',
  'carriage-return',
  'zero-width-space',
  'final-newline',
  'image',
  'suppression'
]
