/**
 * The rule registry: one module per rule (metadata plus one function), in
 * the order findings are reported.
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
import { RULE_IDS } from './ids.js'

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

export { RULE_IDS }

// Keep the registry and the id list in step.
if (RULES.map(r => r.id).join() !== RULE_IDS.join()) throw new Error('rules/index.ts and rules/ids.ts disagree')
