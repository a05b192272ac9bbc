/**
 * Differential test: the headings parseMarkdown finds equal those cmark-gfm
 * (GitHub's renderer) finds, on tricky hand-written and generated inputs.
 * Skips cleanly when the cmark-gfm binary is not installed.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { markdownOutline } from '../../src/engine/markdown/outline.js'

const probe = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' })
const haveCmark = probe.status === 0

type Heading = { level: number; line: number; title: string }

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
    if (named[e]) return named[e]!
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })
}

const CMARK_ARGS = ['--sourcepos', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-t', 'xml']

/**
 * Headings as cmark-gfm 0.29 with the GFM extensions sees them (level, first
 * line, plain text), for each text: one cmark-gfm process per text, as
 * before, but started by one small shell instead of by this (large) jest
 * process, whose every spawn costs a few milliseconds of copying its memory
 * map.
 */
function cmarkHeadingsOf(texts: string[]): Heading[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'stc-cmark-'))
  try {
    texts.forEach((t, i) => writeFileSync(path.join(dir, `${i}.md`), t))
    // sh -c SCRIPT sh DIR COUNT ARGS...: cmark-gfm ARGS < DIR/i.md > DIR/i.xml for i in 0 .. COUNT-1.
    const script = 'd=$1; n=$2; shift 2; i=0; while [ "$i" -lt "$n" ]; do cmark-gfm "$@" < "$d/$i.md" > "$d/$i.xml" || { echo "cmark-gfm failed on text $i" >&2; exit 1; }; i=$((i+1)); done'
    const r = spawnSync('sh', ['-c', script, 'sh', dir, String(texts.length), ...CMARK_ARGS], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`cmark-gfm failed: ${r.stderr}`)
    return texts.map((_t, i) => headingsOfXml(readFileSync(path.join(dir, `${i}.xml`), 'utf8')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const cmarkHeadings = (text: string): Heading[] => cmarkHeadingsOf([text])[0]!

/** The headings of cmark-gfm's XML output. */
function headingsOfXml(xml: string): Heading[] {
  const out: Heading[] = []
  for (const m of xml.matchAll(/<heading sourcepos="(\d+):\d+-\d+:\d+" level="(\d)"(?: \/>|>([\s\S]*?)<\/heading>)/g)) {
    let title = ''
    for (const p of (m[3] ?? '').matchAll(/<(text|code)[^>]*>([^<]*)<\/\1>|<(softbreak|linebreak) \/>/g)) title += p[3] ? ' ' : unescapeXml(p[2]!)
    out.push({ level: Number(m[2]), line: Number(m[1]), title: title.replace(/\s+/g, ' ').trim() })
  }
  return out
}

/** Small fragments that stress where a heading can and cannot start. */
const FRAGMENTS = [
  '# One', '## Two ##', '###### Six', '####### Seven', '#NoSpace', '   ### Indented three', '    # Indented four',
  '## Closing #not', '## Trailing \\#', '#', '## ', '# *em* and `code` and [link](u) ![alt *x*](i)',
  '## Entity &amp; &#35; &copy; \\* escaped', '## HTML <span>inline</span> <br>', '## ~~struck~~ www.example.com <https://x.y>',
  'Setext one\n===', 'Setext two\n---', 'Two line\nsetext\n======', 'Para\n  ---  ', '---', '***', '- - -',
  '```\n# in fence\n```', '~~~md\n## tilde fence\n~~~', '```\n# unclosed fence', '````\n```\n# still code\n````',
  '\tcode with tab\n# after', '<!--\n# in comment\n-->', '<!-- one line --> # text', '<div>\n# in div\n</div>',
  '<details>\n<summary>S</summary>\n\n## After blank in details\n</details>', '<script>\n# in script\n</script>',
  '<custom-tag>\n# after custom', 'Para\n<custom-tag>\n# after', '<?php\n# pi\n?>', '<!DOCTYPE html>\n# doc',
  '| a | b |\n|---|---|\n| # c | d |\n# after table', 'a | b\n--|--\n# row?', '> # Quoted\n> Setext in quote\n> ---',
  '- # In list\n- Item\n  ---', '1. Item\n\n   ## Nested heading', '* lazy\ncontinuation\n---', '> quote\n---',
  'Text\\\n---', '[ref]: /url\n# After def', '## [ref]', '  Setext indent\n   ===', 'Foo\n    ===',
  '# Heading with trailing spaces   ', '<textarea>\n\n# in textarea\n</textarea>', '<search>\n# after search', '<source>\n\n# after source', 'Para\n<source>\n# after source', 'Para\n<search>\n# after search', 'Para\n</search>\n# x',
  'Foo\n= =', 'Foo\n===   ', '| x |\n|---|\n- item\n# heading ends table', '| x |\n|---|\nrow\nSetext?\n---',
  '<textarea rows="2">\n# after textarea tag', 'Para\n<textarea>\n# x', '<textarea>text\n# after', '<!doctype html>\nSetext?\n---', '<!DOCTYPE html>\nafter\n---',
  '<pre>\n\n# still pre\n</pre>\n# after pre', '&#x23; not a heading', '\\# escaped hash', '# Heading with `` ` `` backtick', '#\tTab after hash', '## Ünïcödé — dash', 'Para\n# ATX interrupts'
]

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

function generated(count: number): string[] {
  const r = rng(42)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 5)
    const parts: string[] = []
    for (let k = 0; k < n; k++) parts.push(FRAGMENTS[Math.floor(r() * FRAGMENTS.length)]!)
    const text = parts.reduce((a, b) => a + (r() < 0.5 ? '\n' : '\n\n') + b) + '\n'
    // A first line `---` may open front matter, which GitHub does not render as Markdown (cmark-gfm is run without it).
    out.push(text.startsWith('---') ? `Start\n\n${text}` : text)
  }
  return out
}

;(haveCmark ? describe : describe.skip)(`headings equal cmark-gfm's${haveCmark ? '' : ' (skipped: cmark-gfm not installed)'}`, () => {
  it('on each hand-written fragment', () => {
    const cmark = cmarkHeadingsOf(FRAGMENTS.map(f => f + '\n'))
    const differ = FRAGMENTS.map((f, i) => ({ f, ours: markdownOutline(f + '\n').sections, cmark: cmark[i] }))
      .filter(d => JSON.stringify(d.ours) !== JSON.stringify(d.cmark))
    expect(differ).toEqual([])
  })

  it('on 300 generated combinations', () => {
    const texts = generated(Number(process.env.MD_DIFF_COUNT ?? 300))
    const cmark = cmarkHeadingsOf(texts)
    const differ = texts.map((t, i) => ({ t, ours: markdownOutline(t).sections, cmark: cmark[i] }))
      .filter(d => JSON.stringify(d.ours) !== JSON.stringify(d.cmark))
    expect(differ.slice(0, 5)).toEqual([])
  })

  it('the comparison itself sees a wrong heading (guards against a test that cannot fail)', () => {
    expect(cmarkHeadings('```\n# in fence\n```\n# Real\n')).toEqual([{ level: 1, line: 4, title: 'Real' }])
  })
})
