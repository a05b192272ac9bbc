import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import MarkdownIt from 'markdown-it'
import StateBlock from 'markdown-it/lib/rules_block/state_block.mjs'
import type Token from 'markdown-it/lib/token.mjs'
import { asCmarkGfm029, markdownIt } from '../../src/engine/markdown/markdown-it.js'
import { parseMarkdown } from '../../src/engine/markdown/parse.js'
import { CORPUS, markdownFilesUnder } from '../corpus/corpus.js'

/**
 * The reader's markdown-it (its own line marks, normalize and paragraph
 * rules: src/engine/markdown/markdown-it.ts) against markdown-it's rules:
 * the same tokens on generated texts and on every Markdown file of the
 * corpus; only the paragraphs' text, which nothing reads, is left out.
 */
function reference(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false })
  md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'])
  asCmarkGfm029(md)
  return md
}

const ref = reference()

function tokens(md: MarkdownIt, src: string): unknown[] {
  const out = md.parse(src, {})
  return out.map((t: Token, i: number) => {
    const paragraphText = t.type === 'inline' && out[i - 1]?.type === 'paragraph_open'
    return [t.type, t.tag, t.nesting, t.level, t.map, paragraphText ? '' : t.content, t.markup, t.info, t.block, t.hidden, t.attrs]
  })
}

/** The line marks markdown-it's StateBlock computes, and the reader's. */
function marks(state: StateBlock): unknown {
  return [state.bMarks, state.eMarks, state.tShift, state.sCount, state.bsCount, state.lineMax]
}

/** Deterministic texts over the characters block parsing turns on. */
function* generated(count: number): Generator<string> {
  const pieces = ['\n', '\n', ' ', '  ', '\t', '    ', '#', '# ', '- ', '* ', '1. ', '> ', '```', '~~~', '---', '===', '|', '| a | b |', '|---|---|',
    'text', 'x', '<div>', '</div>', '<!-- c -->', '<!--', '-->', '[a]: /u', '\\', '`', '*', '_', '&amp;', '\0', '\r', '\r\n']
  let seed = 12345
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
  for (let i = 0; i < count; i++) {
    let s = ''
    const n = next() % 40
    for (let k = 0; k < n; k++) s += pieces[next() % pieces.length]
    yield s
  }
}

describe('the reader\'s markdown-it', () => {
  const md = markdownIt()

  it('computes the line marks markdown-it does (indent, tabs, a last line of blanks, no final line end)', () => {
    const Fast = md.block.State
    expect(Fast).not.toBe(StateBlock)
    const texts = ['', '\n', 'a', 'a\n', '  ', 'a\n  ', 'a\n  \n', '\t x\n \tb', ' \t \t\n\n  z  ', 'x  ', ...generated(3000)]
    for (const src of texts.map(t => t.replace(/\r\n?/g, '\n'))) {
      expect([src, marks(new Fast(src, md, {}, []))]).toEqual([src, marks(new StateBlock(src, md, {}, []))])
    }
  })

  it('gives the tokens of markdown-it\'s own rules on generated texts', () => {
    for (const src of generated(3000)) expect([src, tokens(md, src)]).toEqual([src, tokens(ref, src)])
  })

  it('gives the tokens of markdown-it\'s own rules where each block rule may start, interrupt a paragraph or underline one', () => {
    // Every character a block rule starts at (and others), in lists and quotes, lazy lines and setext underlines.
    const pieces = ['\n', '\n', '\n', ' ', '  ', '\t', '    ', '#', '## ', '- ', '* ', '+ ', '1. ', '2) ', '> ', '>', '```', '~~~', '---', '===', '- - -',
      '***', '___', '| a | b |', '|---|---|', ':-:', '-|-', 'text', 'y z', '<div>', '</div>', '<!-- c -->', '<pre>', '</pre>', '<textarea>',
      '<search>', '<!doctype x>', '<a href="x">', '[a]: /u', '[a]:', ' "t"', '[b]', '\\', '`', '=', '-', '[', ':', '\u00a0', 'é']
    let seed = 777
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
    expect(Object.prototype.hasOwnProperty.call(md.block, 'tokenize')).toBe(true)
    for (let i = 0; i < 4000; i++) {
      let src = ''
      for (let k = next() % 60; k > 0; k--) src += pieces[next() % pieces.length]
      expect([src, tokens(md, src)]).toEqual([src, tokens(ref, src)])
    }
  })

  it('leaves paragraph text out and normalizes line ends and NUL as markdown-it does', () => {
    const out = md.parse('a\r\nb\0\n\nc', {})
    expect(out.map(t => [t.type, t.map, t.content])).toEqual([
      ['paragraph_open', [0, 2], ''], ['inline', [0, 2], ''], ['paragraph_close', null, ''],
      ['paragraph_open', [3, 4], ''], ['inline', [3, 4], ''], ['paragraph_close', null, '']
    ])
    expect(parseMarkdown('# T\0itle\r\n').sections[0]!.title).toBe('T\uFFFDitle')
  })

  const dir = path.join(CORPUS, 'openshift-enhancements')
  ;(existsSync(dir) ? it : it.skip)('gives the tokens of markdown-it\'s own rules on every Markdown file of the corpus', () => {
    const files = markdownFilesUnder(dir)
    expect(files.length).toBeGreaterThanOrEqual(600)
    const differ = files.filter(f => {
      const src = readFileSync(f, 'utf8').replace(/\r\n?/g, '\n')
      return JSON.stringify(tokens(md, src)) !== JSON.stringify(tokens(ref, src))
    })
    expect(differ).toEqual([])
  })
})

describe('heading titles without inline markup are not inline-parsed', () => {
  it('gives the title inline parsing gives, with and without markup', () => {
    const titles = ['Plain title', 'With: colon - dash (parens) #hash', 'a  b\tc', '100% = {x} @y ^z $', 'Summary [optional]', 'x *y* z',
      'a_b_c', '`code`', 'a\\*b', '&amp; x', '<span>s</span>', '![img](u) t', '~~s~~ t', '[link](#x)']
    for (const t of titles) {
      const children: Token[] = []
      ref.inline.parse(t, ref, {}, children)
      const expected = children.map(c => (c.type === 'code_inline' || c.type.startsWith('text') ? c.content : c.type === 'image' ? c.children!.map(x => x.content).join('') : '')).join('')
      expect([t, parseMarkdown(`## ${t}\n`).sections[0]!.title]).toEqual([t, expected.replace(/\s+/g, ' ').trim()])
    }
  })

  it('reads `[label]` as a link where the document defines it, as text where not', () => {
    expect(parseMarkdown('## Notes [optional]\n').sections[0]!.title).toBe('Notes [optional]')
    expect(parseMarkdown('## Notes [optional] [x](#y)\n').sections[0]!.title).toBe('Notes [optional] x')
    expect(parseMarkdown('## Notes [optional]\n\n[optional]: https://example.com\n').sections[0]!.title).toBe('Notes optional')
    expect(parseMarkdown('[other]: https://example.com\n\n## Notes [optional] [other]\n').sections[0]!.title).toBe('Notes [optional] other')
  })
})
