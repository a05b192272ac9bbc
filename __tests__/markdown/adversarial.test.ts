/**
 * Untrusted Markdown must not hang the parser or the template derivation:
 * inputs that make a backtracking regular expression explode, each read in
 * well under a second (an exponential or quadratic pattern takes minutes).
 */
import { parseMarkdown } from '../../src/engine/markdown/parse.js'
import { deriveMarkdownTemplate } from '../../src/engine/markdown/template.js'
import { workClock } from '../work-clock.js'

const CASES: Record<string, string> = {
  'many comments in one HTML block, then text': '<!-- a -->'.repeat(40) + 'x\n',
  'a front matter key line of spaces': '---\na' + ' '.repeat(100000) + '\n---\n',
  'a quoted front matter key never closed': '---\n"' + '\\"'.repeat(30000) + '\n---\n',
  'block quotes nested deep': '>'.repeat(50000) + ' # x\n',
  'emphasis delimiters in a heading': '# ' + '*a_'.repeat(20000) + '\n',
  'brackets in a heading': '# ' + '['.repeat(30000) + '\n',
  'unclosed code spans': '`a '.repeat(30000) + '\n',
  'angle brackets': '<a '.repeat(30000) + '\n',
  'a textarea tag with many attributes and no end': '<textarea' + ' a=b'.repeat(20000) + '\n',
  'hashes after a heading marker': '## ' + '#'.repeat(100000) + 'x\n'
}

describe('adversarial Markdown', () => {
  it.each(Object.entries(CASES))('%s: parsed and derived in well under a second', (_name, text) => {
    const t0 = workClock()
    const doc = parseMarkdown(text)
    deriveMarkdownTemplate(doc)
    expect(t0.ms()).toBeLessThan(2000)
  })
})
