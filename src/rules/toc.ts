import type { Rule, Section } from '../engine/types.js'
import { headingAnchors, readToc } from '../engine/markdown/toc.js'
import type { MdDocument } from '../engine/markdown/types.js'

/**
 * Markdown: when the template has a generated table of contents
 * (`<!-- toc -->` ... `<!-- /toc -->`, as Kubernetes' mdtoc writes it), the
 * spec has one, and it lists the spec's headings after it (down to the
 * deepest level the template's lists) and nothing else.
 */
export const toc: Rule = {
  id: 'toc',
  description: "The spec's table of contents (<!-- toc --> ... <!-- /toc -->) does not list its headings, where the template has one (Markdown).",
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['markdown'],
  fixable: false,
  docs: 'Markdown: where the template has a generated table of contents (`<!-- toc -->` ... `<!-- /toc -->`), the spec has one that lists every heading after it (down to the deepest level the template lists) and nothing else.',
  help: {
    name: 'TableOfContents',
    checks: 'Markdown: where the template has a generated table of contents (`<!-- toc -->` ... `<!-- /toc -->`), the spec has one that lists its headings and no others.',
    fix: 'Regenerate the table of contents (for example `mdtoc --inplace README.md`).',
    example: '<!-- toc -->\n- [Summary](#summary)\n- [Motivation](#motivation)\n<!-- /toc -->\n',
    exampleFormat: 'markdown'
  },
  check(ctx, report) {
    const want = ctx.template.toc
    if (!want || ctx.outline.format !== 'markdown') return
    const doc = ctx.outline as MdDocument
    const got = readToc(doc)
    if (!got) {
      report({
        line: 1,
        message: `The spec has no table of contents: the template has one (line ${want.line}); add "<!-- toc -->" and "<!-- /toc -->" and generate it between them (mdtoc --inplace).`
      })
      return
    }
    const anchors = headingAnchors(doc.sections.map(shown))
    const listed = new Set(got.entries.map(e => e.anchor))
    const existing = new Set(anchors)
    const unlisted: Section[] = []
    doc.sections.forEach((s, i) => {
      if (s.line > got.endLine && s.level >= 2 && s.level <= want.maxLevel && !listed.has(anchors[i]!)) unlisted.push(s)
    })
    const stale = got.entries.filter(e => !existing.has(e.anchor))
    const quote = (xs: string[]): string => (xs.length > 5 ? [...xs.slice(0, 5), `and ${xs.length - 5} more`] : xs).join(', ')
    if (unlisted.length > 0) {
      report({
        line: got.line,
        endLine: got.endLine,
        message: `The table of contents does not list ${unlisted.length === 1 ? 'the heading' : `${unlisted.length} headings`} ${quote(unlisted.map(s => `"${s.rawTitle}" (line ${s.line})`))}: regenerate it (mdtoc --inplace).`
      })
    }
    if (stale.length > 0) {
      report({
        line: stale[0]!.line,
        message: `The table of contents links to ${stale.length === 1 ? 'a heading' : `${stale.length} headings`} the spec does not have: ${quote(stale.map(e => `"${e.text}" (#${e.anchor})`))}; regenerate it (mdtoc --inplace).`
      })
    }
  }
}

/** The title GitHub makes the anchor from (the `[optional]` marker kept). */
function shown(s: Section): string {
  return s.format?.shownTitle ?? s.title
}
