import { parseMarkdown } from '../../src/engine/markdown/parse.js'
import { headingAnchors, readToc } from '../../src/engine/markdown/toc.js'

describe('readToc', () => {
  it('reads the items of the generated block with their anchors, depth and lines', () => {
    const doc = parseMarkdown([
      '# KEP-1: Title', //1
      '', //2
      '<!-- toc -->', //3
      '- [Summary](#summary)', //4
      '- [Motivation](#motivation)', //5
      '  - [Goals](#goals)', //6
      '    - [Deep `x`](#deep-x)', //7
      '  - [Non-Goals](#non-goals)', //8
      '- [Caf\u00e9](#caf%C3%A9)', //9
      '<!-- /toc -->', //10
      '', //11
      '## Summary' //12
    ].join('\n'))
    expect(readToc(doc)).toEqual({
      line: 3,
      endLine: 10,
      entries: [
        { text: 'Summary', anchor: 'summary', depth: 0, line: 4 },
        { text: 'Motivation', anchor: 'motivation', depth: 0, line: 5 },
        { text: 'Goals', anchor: 'goals', depth: 1, line: 6 },
        { text: 'Deep `x`', anchor: 'deep-x', depth: 2, line: 7 },
        { text: 'Non-Goals', anchor: 'non-goals', depth: 1, line: 8 },
        { text: 'Caf\u00e9', anchor: 'caf\u00e9', depth: 0, line: 9 }
      ]
    })
  })

  it('is undefined without both markers, and ignores markers in code', () => {
    expect(readToc(parseMarkdown('<!-- toc -->\n- [A](#a)\n'))).toBeUndefined()
    expect(readToc(parseMarkdown('```\n<!-- toc -->\n```\n- [A](#a)\n<!-- /toc -->\n'))).toBeUndefined()
  })
})

describe('headingAnchors', () => {
  it('makes the anchors GitHub gives headings, numbering repeats', () => {
    expect(headingAnchors(['Summary', 'Dev Preview -> Tech Preview', 'Upgrade / Downgrade Strategy', 'Risks & Mitigations',
      'Story 1', 'Notes', 'Notes', 'Notes-1', 'Caf\u00e9 d\u00e9j\u00e0', 'snake_case and C++'])).toEqual([
      'summary', 'dev-preview---tech-preview', 'upgrade--downgrade-strategy', 'risks--mitigations',
      'story-1', 'notes', 'notes-1', 'notes-1-1', 'caf\u00e9-d\u00e9j\u00e0', 'snake_case-and-c'
    ])
  })
})
