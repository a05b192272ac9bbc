/**
 * The Markdown reader the checks use: the parsed document, with the
 * `(Optional)` / `[optional]` marker taken out of each heading's title (a
 * spec may keep or drop it; the template's marker says the section may be
 * left out). `rawTitle` keeps the heading as written. `--outline` shows the
 * titles as GitHub renders them (parse.ts), markers included.
 */
import { parseMarkdown } from './parse.js'
import { stripOptionalMarker } from './template.js'
import type { MdDocument } from './types.js'

export function readMarkdown(text: string): MdDocument {
  const doc = parseMarkdown(text)
  for (const s of doc.sections) {
    if (!/optional/i.test(s.title)) continue
    const { title, optional } = stripOptionalMarker(s.title)
    if (!optional) continue
    s.format.shownTitle = s.title
    s.title = title
    s.format.optionalMarker = true
  }
  return doc
}

