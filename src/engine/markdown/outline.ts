/**
 * What `--outline` prints for a Markdown file: the headings GitHub renders
 * (level, line of the heading text, plain title), in document order.
 */
import { parseHeadings } from './parse.js'

export interface MdOutline {
  format: 'markdown'
  sections: Array<{ level: number; line: number; title: string }>
  frontMatter?: string[]
}


export function markdownOutline(text: string): MdOutline {
  const doc = parseHeadings(text)
  return {
    format: 'markdown',
    sections: doc.sections.map(s => ({ level: s.level, line: s.line, title: s.title })),
    ...(doc.frontMatter ? { frontMatter: doc.frontMatter.keys.map(k => k.key) } : {})
  }
}
