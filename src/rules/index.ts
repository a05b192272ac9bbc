/**
 * The rule registry, the only list of rules: one module per rule (metadata,
 * help, check and fixes), in the order findings are reported. The engine is
 * handed these; rule ids, the README's rule table and the JSON Schema's
 * `rules` block come from here (__tests__/rules/registry-docs.test.ts).
 */
import type { Rule } from '../engine/types.js'
import { title } from './title.js'
import { missingSection } from './missing-section.js'
import { extraSection } from './extra-section.js'
import { duplicateSection } from './duplicate-section.js'
import { sectionOrder } from './section-order.js'
import { sectionLevel } from './section-level.js'
import { emptySection } from './empty-section.js'
import { templateText } from './template-text.js'
import { placeholder } from './placeholder.js'
import { frontMatter } from './front-matter.js'
import { toc } from './toc.js'
import { titleUnderline } from './title-underline.js'
import { lineLength } from './line-length.js'
import { trailingWhitespace } from './trailing-whitespace.js'
import { tab } from './tab.js'
import { carriageReturn } from './carriage-return.js'
import { zeroWidthSpace } from './zero-width-space.js'
import { finalNewline } from './final-newline.js'
import { image } from './image.js'
import { suppression } from './suppression.js'

export const RULES: readonly Rule[] = [
  title,
  missingSection,
  extraSection,
  duplicateSection,
  sectionOrder,
  sectionLevel,
  emptySection,
  templateText,
  placeholder,
  frontMatter,
  toc,
  titleUnderline,
  lineLength,
  trailingWhitespace,
  tab,
  carriageReturn,
  zeroWidthSpace,
  finalNewline,
  image,
  suppression
]

/** Every rule id, in report order. */
export const RULE_IDS: readonly string[] = RULES.map(r => r.id)
