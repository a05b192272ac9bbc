import type { ReportFn, RuleContext, Rule } from '../engine/types.js'
import { leadingList } from '../engine/markdown/template.js'

/**
 * Markdown: every key of the template's YAML front matter (OpenShift's
 * `title`, `authors`, `creation-date`, ...) is in the spec's front matter;
 * or, where the template keeps its metadata as a leading `- Key: value`
 * list (Rust RFCs), every key of that list is in the spec's.
 */
export const frontMatter: Rule = {
  id: 'front-matter',
  description: "A key of the template's front matter is missing from the spec's front matter (Markdown).",
  defaultSeverity: 'error',
  kind: 'structure',
  formats: ['markdown'],
  fixable: false,
  docs: "Markdown: a key of the template's YAML front matter (`title`, `authors`, `creation-date`, ...) missing from the spec's front matter, or no front matter at all; for a template whose metadata is a `- Key: value` list before the first heading (a Rust RFC's), an item of that list.",
  help: {
    name: 'FrontMatterKey',
    checks: "Markdown: every key of the template's YAML front matter is in the spec's front matter.",
    fix: "Add the missing keys to the front matter (the `---` block at the top), with the spec's values.",
    example: '---\ntitle: live-resize\nauthors:\n  - "@jane"\ncreation-date: 2026-01-15\n---\n',
    exampleFormat: 'markdown'
  },
  check(ctx, report) {
    if (ctx.template.leadingListKeys) return leadingListCheck(ctx, ctx.template.leadingListKeys, report)
    const wanted = ctx.template.frontMatterKeys ?? []
    if (wanted.length === 0) return
    const fm = ctx.outline.frontMatter
    const names = (keys: readonly { key: string }[]): string => keys.map(k => `"${k.key}"`).join(', ')
    if (!fm) {
      report({
        line: 1,
        message: `The spec has no front matter: start it with a "---" block holding the template's keys ${names(wanted)}.`
      })
      return
    }
    const have = new Set(fm.keys.map(k => k.key))
    const missing = wanted.filter(k => !have.has(k.key))
    if (missing.length === 0) return
    report({
      line: fm.endLine,
      message: `The front matter lacks ${missing.length === 1 ? 'the key' : 'the keys'} ${names(missing)} of the template: add ${missing.length === 1 ? 'it' : 'them'} before the closing "---".`
    })
  }
}

/** A template whose metadata is a `- Key: value` list before the first heading (a Rust RFC's): the spec's list has each key. */
function leadingListCheck(ctx: RuleContext, wanted: readonly string[], report: ReportFn): void {
  const list = leadingList(ctx.outline.preamble ?? [])
  const names = (keys: readonly string[]): string => keys.map(k => `"${k}"`).join(', ')
  if (!list) {
    report({ line: 1, message: `The spec does not start with the template's metadata list ("- Key: value" items ${names(wanted)}): add it before the first heading.` })
    return
  }
  const have = new Set(list.keys)
  const missing = wanted.filter(k => !have.has(k))
  if (missing.length === 0) return
  report({
    line: list.line,
    message: `The metadata list lacks ${missing.length === 1 ? 'the item' : 'the items'} ${names(missing.map(k => `- ${k}:`))} of the template: add ${missing.length === 1 ? 'it' : 'them'}.`
  })
}
