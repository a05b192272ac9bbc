import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CORPUS } from '../corpus/corpus.js'
import { parseMarkdown } from '../../src/engine/markdown/parse.js'
import { deriveMarkdownTemplate, isAnglePlaceholder, stripOptionalMarker } from '../../src/engine/markdown/template.js'

const fixture = (name: string) => readFileSync(path.join(process.cwd(), '__tests__/fixtures/markdown', name), 'utf8')
const derive = (text: string) => deriveMarkdownTemplate(parseMarkdown(text))

describe('stripOptionalMarker', () => {
  it('removes (Optional) and [optional] in any case, and says the section is optional', () => {
    expect(stripOptionalMarker('User Stories (Optional)')).toEqual({ title: 'User Stories', optional: true })
    expect(stripOptionalMarker('Open Questions [optional]')).toEqual({ title: 'Open Questions', optional: true })
    expect(stripOptionalMarker('Notes [OPTIONAL] here')).toEqual({ title: 'Notes here', optional: true })
    expect(stripOptionalMarker('Alternatives (Not Implemented)')).toEqual({ title: 'Alternatives (Not Implemented)', optional: false })
    expect(stripOptionalMarker('Optional Features')).toEqual({ title: 'Optional Features', optional: false })
  })
})

describe('isAnglePlaceholder', () => {
  it('tells placeholders from HTML, autolinks and e-mail addresses', () => {
    expect(['your name', 'kep-number', 'GitHub handle', 'T'].map(isAnglePlaceholder)).toEqual([true, true, true, true])
    expect(['br', 'img src="x"', '/div', '!-- c --', 'https://x.y', 'a@b.c', 'Details open'].map(isAnglePlaceholder))
      .toEqual([false, false, false, false, false, false, false])
  })
})

describe('deriveMarkdownTemplate on a KEP-style template', () => {
  const t = derive(fixture('kep-style-template.md'))

  it('takes the single # heading as the title and its guidance comments', () => {
    expect(t.title).toMatchObject({ title: 'KEP-NNNN: A Short Descriptive Title', line: 5 })
    expect(t.title!.comments).toEqual(['Replace the title above with your own, keeping the KEP number.', 'toc', '/toc'])
    expect(t.preamble.comments[0]).toMatch(/^This fixture is written/)
  })

  it('builds the section tree by depth under the title, whatever the # count', () => {
    const tree = (s: typeof t.sections): unknown => s.map(x => (x.children.length ? [x.title, tree(x.children)] : x.title))
    expect(tree(t.sections)).toEqual([
      'Summary',
      ['Motivation', ['Goals', 'Non-Goals']],
      ['Proposal', [['User Stories', ['Story 1']], 'Risks and Mitigations']],
      ['Design Details', [['Test Plan', ['Does enabling the feature change any default behavior?']]]],
      'Alternate Setext Heading'
    ])
    const deep = t.all.find(s => s.title.startsWith('Does enabling'))!
    expect([deep.level, deep.depth, deep.parent, deep.line]).toEqual([6, 3, 'Test Plan', 53])
  })

  it('marks (Optional) sections optional and keeps the written title apart', () => {
    expect(t.all.filter(s => s.optional).map(s => s.title)).toEqual(['Non-Goals', 'User Stories'])
    expect(t.all.find(s => s.title === 'Non-Goals')!.templateTitle).toBe('Non-Goals (Optional)')
    expect(t.all.find(s => s.title === 'Story 1')!.optional).toBe(false)
  })

  it('keeps guidance comments and prose per section', () => {
    const by = (title: string) => t.all.find(s => s.title === title)!
    expect(by('Summary')).toMatchObject({ comments: ['One paragraph that a reader can understand without the rest of the text.'], guidance: '' })
    expect(by('Motivation')).toMatchObject({ comments: [], guidance: 'Say why this change matters, in a few sentences.' })
    expect(by('Goals')).toMatchObject({ comments: [], guidance: '', guidanceBlocks: [] })
    expect(by('Design Details').guidanceBlocks).toHaveLength(3)
  })

  it('finds the placeholders used as values, not those in code or HTML', () => {
    expect(t.placeholders).toEqual([
      { text: 'NNNN', line: 5 },
      { text: 'yyyy-mm-dd', line: 40 },
      { text: '<your GitHub handle>', line: 40 },
      { text: 'TBD', line: 51 }
    ])
  })

  it('finds the table of contents block', () => {
    expect(t.toc).toEqual({ line: 11, endLine: 14 })
  })
})

describe('deriveMarkdownTemplate on an RFC-style template', () => {
  const t = derive(fixture('rfc-style-template.md'))

  it('has no title when there are several # headings: they are all top-level sections', () => {
    expect(t.title).toBeUndefined()
    expect(t.sections.map(s => [s.title, s.depth])).toEqual([['Summary', 1], ['Motivation', 1]])
  })

  it('reads the metadata keys of the leading list', () => {
    expect(t.leadingListKeys).toEqual(['Feature Name', 'Start Date', 'RFC PR'])
    expect(t.frontMatterKeys).toEqual([])
    expect(t.placeholders).toEqual([{ text: 'YYYY-MM-DD', line: 2 }])
  })

  it('reads no keys from a leading list that is not all Key: value items', () => {
    expect(derive('- Feature Name: x\n- just an item\n\n# A\n').leadingListKeys).toEqual([])
  })
})

const OPENSHIFT = path.join(CORPUS, 'openshift-enhancements/guidelines/enhancement_template.md')
;(existsSync(OPENSHIFT) ? describe : describe.skip)(`deriveMarkdownTemplate on OpenShift's enhancement template${existsSync(OPENSHIFT) ? '' : ' (skipped: corpus not present)'}`, () => {
  const t = existsSync(OPENSHIFT) ? derive(readFileSync(OPENSHIFT, 'utf8')) : undefined!

  it('reads the front matter keys, the title and the [optional] sections', () => {
    expect(t.frontMatterKeys).toEqual(['title', 'authors', 'reviewers', 'approvers', 'api-approvers', 'creation-date',
      'last-updated', 'status', 'tracking-link', 'see-also', 'replaces', 'superseded-by'])
    expect(t.title).toMatchObject({ title: 'Neat Enhancement Idea', line: 64 })
    expect(t.all.filter(s => s.optional).map(s => s.title)).toEqual(['Open Questions', 'Infrastructure Needed'])
    expect(t.sections.map(s => s.title)).toContain('Alternatives (Not Implemented)')
  })

  it('has every ## to #### heading of the template, in order, at its depth', () => {
    expect(t.all).toHaveLength(28)
    expect(t.all.filter(s => s.depth === 1)).toHaveLength(t.sections.length)
    const topology = t.all.find(s => s.title === 'Topology Considerations')!
    expect(topology.children.map(c => c.title)).toEqual(['Hypershift / Hosted Control Planes', 'Standalone Clusters',
      'Single-node Deployments or MicroShift', 'OpenShift Kubernetes Engine'])
  })

  it('takes TBD and yyyy-mm-dd from the front matter values as placeholders', () => {
    expect(t.placeholders.slice(0, 2)).toEqual([{ text: 'TBD', line: 4 }, { text: 'yyyy-mm-dd', line: 11 }])
  })
})
