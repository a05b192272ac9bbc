import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseHeadings, parseMarkdown } from '../../src/engine/markdown/parse.js'
import { isMarkdownPath } from '../../src/engine/markdown/format.js'
import { markdownOutline } from '../../src/engine/markdown/outline.js'
import type { MdSection } from '../../src/engine/markdown/types.js'
import { CORPUS, markdownFilesUnder } from '../corpus/corpus.js'

const outline = (text: string) => markdownOutline(text).sections

describe('parseMarkdown: headings', () => {
  it('reads ATX and setext headings with the line of the heading text and a plain title', () => {
    const text = '# Title *with* `code`\n\nSetext\ntwo lines\n===\n\nSub &amp; more\n---\n\n## Closed ##\n'
    expect(outline(text)).toEqual([
      { level: 1, line: 1, title: 'Title with code' },
      { level: 1, line: 3, title: 'Setext two lines' },
      { level: 2, line: 7, title: 'Sub & more' },
      { level: 2, line: 10, title: 'Closed' }
    ])
    const doc = parseMarkdown(text)
    expect(doc.sections.map(s => s.format)).toEqual([
      { kind: 'markdown', style: 'atx' },
      { kind: 'markdown', style: 'setext', underline: 5 },
      { kind: 'markdown', style: 'setext', underline: 8 },
      { kind: 'markdown', style: 'atx', closed: true }
    ])
    expect(doc.sections[0]!.rawTitle).toBe('Title *with* `code`')
    expect(doc.sections[1]!.rawTitle).toBe('Setext two lines')
  })

  it('finds no heading in code fences, indented code, HTML blocks, comments or front matter', () => {
    const text = [
      '---', 'title: x', '# not a heading', '---',
      '```', '# in fence', '```',
      '',
      '    # indented code',
      '',
      '<details>', '# in html', '</details>',
      '',
      '<!--', '# in comment', '-->',
      '# Real'
    ].join('\n')
    expect(outline(text)).toEqual([{ level: 1, line: 18, title: 'Real' }])
  })

  it('counts CRLF and lone CR as line ends, as cmark does', () => {
    expect(outline('x\r\n\r\n# A\r# B\n')).toEqual([
      { level: 1, line: 3, title: 'A' },
      { level: 1, line: 4, title: 'B' }
    ])
  })

  it('marks headings inside a block quote or a list as nested', () => {
    const doc = parseMarkdown('> # Quoted\n\n- ## Listed\n')
    expect(doc.sections.map(s => [s.title, s.format.nested])).toEqual([['Quoted', true], ['Listed', true]])
  })
})

describe('parseMarkdown: sections and blocks', () => {
  const text = [
    'Intro paragraph.', //1
    '', //2
    '# Doc', //3
    '', //4
    '## A', //5
    'Prose line one', //6
    'line two.', //7
    '', //8
    '<!-- guidance -->', //9
    '', //10
    '```sh', //11
    'echo hi', //12
    '```', //13
    '', //14
    '| a | b |', //15
    '|---|---|', //16
    '| 1 | 2 |', //17
    '', //18
    '- item', //19
    '', //20
    '<div>x</div>', //21
    '', //22
    '> quote', //23
    '', //24
    '---', //25
    '### A.1', //26
    '## B' //27
  ].join('\n')
  const doc = parseMarkdown(text)

  it('builds the tree by level, with body ranges and ends', () => {
    expect(doc.roots.map(s => s.title)).toEqual(['Doc'])
    const [d, a, a1, b] = doc.sections
    expect(d!.children.map(s => s.title)).toEqual(['A', 'B'])
    expect(a!.children.map(s => s.title)).toEqual(['A.1'])
    expect(a1!.parent).toBe(a)
    expect([d!.bodyStart, d!.bodyEnd, d!.end]).toEqual([4, 4, 27])
    expect([a!.bodyStart, a!.bodyEnd, a!.end]).toEqual([6, 25, 26])
    expect([a1!.bodyStart, a1!.bodyEnd, a1!.end]).toEqual([27, 26, 26])
    expect([b!.bodyStart, b!.bodyEnd, b!.end]).toEqual([28, 27, 27])
  })

  it('classifies each body block with its lines', () => {
    expect(doc.preamble).toEqual([{ kind: 'prose', line: 1, endLine: 1, text: 'Intro paragraph.' }])
    expect(doc.sections[1]!.blocks.map(b => [b.kind, b.line, b.endLine])).toEqual([
      ['prose', 6, 7],
      ['comment', 9, 9],
      ['code', 11, 13],
      ['table', 15, 17],
      ['list', 19, 19],
      ['html', 21, 21],
      ['quote', 23, 23],
      ['rule', 25, 25]
    ])
    const code = doc.sections[1]!.blocks[2]!
    expect([code.text, code.lang]).toEqual(['echo hi', 'sh'])
  })

  it('marks verbatim lines (code, HTML) where no heading starts', () => {
    const v = (l: number) => doc.verbatim[l - 1]
    expect([v(9), v(11), v(12), v(13), v(21)]).toEqual([true, true, true, true, true])
    expect([v(6), v(15), v(19)]).toEqual([false, false, false])
  })
})

describe('parseMarkdown: front matter', () => {
  it('lists the top-level keys with their lines', () => {
    const doc = parseMarkdown('---\ntitle: x\nauthors:\n  - a\ncreation-date: yyyy-mm-dd\n---\n# T\n')
    expect(doc.frontMatter).toEqual({
      line: 1, endLine: 6,
      keys: [{ key: 'title', line: 2 }, { key: 'authors', line: 3 }, { key: 'creation-date', line: 5 }]
    })
    expect(doc.verbatim.slice(0, 6)).toEqual([true, true, true, true, true, true])
  })

  it('says so when a line at the margin is not a key, and still finds the keys', () => {
    const doc = parseMarkdown('---\ntitle: x\n[not, a, key]\nstatus: x\n---\n')
    expect(doc.frontMatter?.error).toBe('front matter line 3 is not a "key: value" line')
    expect(doc.frontMatter?.keys.map(k => k.key)).toEqual(['title', 'status'])
  })

  it('reads quoted keys, skips comments, nested values and sequences written at the margin', () => {
    const doc = parseMarkdown('---\n# comment\n"quoted key": 1\n\'single\': 2\nlist:\n- a\n- b\nmap:\n  inner: 3\nurl: http://x:80\n---\n')
    expect(doc.frontMatter?.keys).toEqual([
      { key: 'quoted key', line: 3 }, { key: 'single', line: 4 }, { key: 'list', line: 5 }, { key: 'map', line: 8 }, { key: 'url', line: 10 }
    ])
    expect(doc.frontMatter?.error).toBeUndefined()
  })

  it('is absent without a closing line, or when --- is not the first line', () => {
    expect(parseMarkdown('---\ntitle: x\n').frontMatter).toBeUndefined()
    expect(parseMarkdown('\n---\ntitle: x\n---\n').frontMatter).toBeUndefined()
    expect(parseMarkdown('---\ntitle: x\n...\n').frontMatter?.keys).toEqual([{ key: 'title', line: 2 }])
  })
})

describe('parseHeadings (--outline): the headings parseMarkdown reads (the checks), without blocks or tree', () => {
  const heads = (sections: MdSection[]): unknown[] =>
    sections.map(s => [s.title, s.rawTitle, s.level, s.line, s.bodyStart, s.underline, s.style, s.format])
  const same = (text: string): void => {
    const doc = parseMarkdown(text)
    const only = parseHeadings(text)
    expect([text, heads(only.sections), only.frontMatter]).toEqual([text, heads(doc.sections), doc.frontMatter])
  }

  it('gives the same headings and front matter on hand-written texts', () => {
    for (const text of ['', '# T\n', '---\ntitle: x\n---\n# T\n\nSetext\n===\n\n> ## Quoted ##\n\n- ### In a list\n', '## A *b* [c](#d)\n\n[x]: /y\n\n## [x]\n',
      '```\n# not\n```\n<!--\n# not\n-->\n    # not\n#\tTab #\n']) same(text)
  })

  const dir = path.join(CORPUS, 'openshift-enhancements')
  ;(existsSync(dir) ? it : it.skip)('gives the same headings and front matter on every Markdown file of the corpus', () => {
    const files = markdownFilesUnder(dir)
    expect(files.length).toBeGreaterThanOrEqual(600)
    for (const f of files) same(readFileSync(f, 'utf8'))
  })
})

describe('isMarkdownPath', () => {
  it('knows .md and .markdown in any case, nothing else', () => {
    expect(['a.md', 'b/C.MD', 'x.markdown'].map(isMarkdownPath)).toEqual([true, true, true])
    expect(['a.rst', 'a.mdx', 'md', 'a.md.txt'].map(isMarkdownPath)).toEqual([false, false, false, false])
  })
})
