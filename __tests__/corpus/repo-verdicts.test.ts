/**
 * Out of the box on three real spec repositories (nova-specs, heat-specs,
 * neutron-specs in ../shared/corpus): with only a short configuration file
 * each, every spec is checked against the template its upstream test uses,
 * no index, README or template file is checked, and the verdicts of the
 * rules both sides check agree per file with upstream's
 * (`reference-verdicts.tsv`): missing and extra sections, long lines (where
 * the template asks for wrapping), trailing whitespace, carriage returns,
 * zero-width spaces.
 *
 * Two categories depend on features that may not be there yet: neutron's
 * extra sections need `allowed-sections`, and "long lines only where the
 * template asks" needs the line width to come from the template. Each is
 * detected by behaviour; without it, that category's assertion is skipped
 * with a note (the counts are in corpusRun's result).
 *
 * Set CORPUS_REPORT=1 to print the numbers.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import { parseConfigFile, type ConfigFile } from '../../src/config/file.js'
import { applyConfigFile, readActionSettings } from '../../src/action/settings.js'
import { checkText } from '../../src/engine/check.js'
import { expandGlobs, notSpecFilter } from '../../src/workspace/files.js'
import { templateFromText } from '../../src/templates/templates.js'
import { CORPUS } from './corpus.js'
import { RULES } from '../../src/rules/index.js'

type Category = 'titles' | 'lines' | 'trailing' | 'cr' | 'zwsp'

/** Our rules behind each upstream check. */
const RULES_OF: Record<Category, string[]> = {
  // Not duplicate-section: upstream reads titles into a dict and never sees a repeat.
  titles: ['missing-section', 'extra-section', 'section-level'],
  lines: ['line-length'],
  trailing: ['trailing-whitespace'],
  cr: ['carriage-return'],
  zwsp: ['zero-width-space']
}

interface Repo {
  name: string
  /** The repository's .spec-template-check.yml. */
  config: string
  /** Upstream check name -> category (checks not listed are not compared). */
  checks: Record<string, Category>
  /** The template upstream's test uses for a spec. */
  upstreamTemplate(file: string): string
}

export const REPOS: Repo[] = [
  {
    name: 'nova-specs',
    config: [
      'exclude: specs/abandoned/**',
      'optional-sections: [History, Feature Liaison]',
      'templates:',
      '  - files: specs/queens/**',
      '    template: specs/queens-template.rst',
      '    optional-sections: [Upgrade impact]',
      ''
    ].join('\n'),
    // _check_no_cr never fires upstream (Python reads CRLF as LF); ours does.
    checks: { _check_titles: 'titles', _check_lines_wrapping: 'lines', _check_trailing_spaces: 'trailing', _check_no_zwsp: 'zwsp' },
    upstreamTemplate: f => `specs/${f.split('/')[1]}-template.rst`
  },
  {
    name: 'heat-specs',
    config: '',
    checks: { titles: 'titles', line_wrap: 'lines', trailing: 'trailing', cr: 'cr' },
    upstreamTemplate: f => `specs/templates/${f.split('/')[1]}-template.rst`
  },
  {
    name: 'neutron-specs',
    config: [
      '# as upstream: one template; releases before kilo, the stadium and postmortems are not checked',
      'template: specs/template.rst',
      'exclude: [specs/archive/**, specs/backlog/**, specs/juno/**, specs/stadium/**, specs/*/postmortem/**]',
      'allowed-sections: [Dependencies, Documentation Impact, Implementation, Testing]',
      ''
    ].join('\n'),
    checks: { titles: 'titles', trailing: 'trailing', cr: 'cr' },
    upstreamTemplate: () => 'specs/template.rst'
  }
]

/** Can the configuration file say `allowed-sections`? */
export async function haveAllowedSections(): Promise<boolean> {
  try {
    await parseConfigFile('allowed-sections: [X]\n', 'probe')
    return true
  } catch {
    return false
  }
}

/** Does line-length stay silent when the template never asks for wrapping? */
export function haveTemplateLineWidth(): boolean {
  const tpl = templateFromText('=====\nTitle\n=====\n\nA\n=\n\nWrite anything.\n', 'probe.rst', false, 2)
  const spec = `=====\nSpec\n=====\n\nA\n=\n\n${'word '.repeat(30).trim()}\n`
  const r = checkText(spec, tpl, { file: 'x.rst', rules: {}, optionalSections: [], sectionDepth: 2 }, RULES)
  return !r.findings.some(f => f.rule === 'line-length')
}

export interface CorpusRun {
  checked: string[]
  /** template -> specs checked against it */
  templates: Map<string, number>
  /** .rst files under specs/ that were not checked, with why */
  skipped: Map<string, string[]>
  /** specs whose template is not the one upstream uses */
  wrongTemplate: string[]
  /** files that are index/README/template files but were checked */
  notSpecsChecked: string[]
  /** reference files that were not checked (and are not template files) */
  unchecked: string[]
  /** category -> "file: upstream X, ours Y (rules)" */
  disagreements: Map<Category, string[]>
  /** files compared with the reference */
  compared: number
  /** files checked that upstream does not check */
  noReference: string[]
  errors: string[]
  configNotes: string[]
}

function allRst(root: string, rel = 'specs'): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = `${rel}/${e.name}`
    if (e.isDirectory()) out.push(...allRst(root, child))
    else if (e.name.endsWith('.rst')) out.push(child)
  }
  return out.sort()
}

/** Reference verdicts: file -> category -> PASS/FAIL (FAIL when any check of the category fails). */
function reference(root: string, repo: Repo): Map<string, Map<Category, string>> {
  const [head, ...rows] = readFileSync(path.join(root, 'reference-verdicts.tsv'), 'utf8').trim().split('\n')
  const cols = head!.split('\t')
  const at = (name: string): number => cols.indexOf(name)
  const out = new Map<string, Map<Category, string>>()
  for (const row of rows) {
    const c = row.split('\t')
    const cat = repo.checks[c[at('check')]!]
    const file = c[at('file')]!
    if (!out.has(file)) out.set(file, new Map())
    if (!cat) continue
    const m = out.get(file)!
    if (m.get(cat) !== 'FAIL') m.set(cat, c[at('result')]!)
  }
  return out
}

/** A symbolic link stored as text (the corpus keeps git's links so) names its target; the report names the target. */
function followLink(root: string, rel: string): string {
  const text = readFileSync(path.join(root, rel), 'utf8').trim()
  if (!/^[^\s]+\.rst$/.test(text)) return rel
  return path.posix.normalize(path.posix.join(path.posix.dirname(rel), text))
}

export async function corpusRun(repo: Repo): Promise<CorpusRun> {
  const root = path.join(CORPUS, repo.name)
  const configNotes: string[] = []
  let text = repo.config
  if (!(await haveAllowedSections()) && text.includes('allowed-sections')) {
    text = text.split('\n').filter(l => !l.startsWith('allowed-sections')).join('\n')
    configNotes.push('allowed-sections is not supported yet: left out of the configuration')
  }
  const cfg: ConfigFile = await parseConfigFile(text, `${repo.name}/.spec-template-check.yml`)
  // As the action builds its settings: no inputs, everything from the configuration file.
  const settings = applyConfigFile(readActionSettings(() => '', { GITHUB_WORKSPACE: root }), cfg)
  const checked = await expandGlobs(settings)
  const report = await checkFiles(checked, settings)
  const ref = reference(root, repo)
  const notSpec = notSpecFilter({})
  const out: CorpusRun = {
    checked,
    templates: new Map(),
    skipped: new Map(),
    wrongTemplate: [],
    notSpecsChecked: checked.filter(f => notSpec(f)),
    unchecked: [],
    disagreements: new Map(),
    compared: 0,
    noReference: [],
    errors: [],
    configNotes
  }
  const checkedSet = new Set(checked)
  for (const f of allRst(root)) {
    if (checkedSet.has(f)) continue
    const why = notSpec(f) ? 'index/README/template file' : 'excluded by the configuration (not checked upstream)'
    out.skipped.set(why, [...(out.skipped.get(why) ?? []), f])
  }
  for (const f of ref.keys()) if (!checkedSet.has(f) && !notSpec(f)) out.unchecked.push(f)
  for (const f of report.files) {
    out.templates.set(f.template, (out.templates.get(f.template) ?? 0) + 1)
    if (f.error) out.errors.push(`${f.file}: ${f.error}`)
    if (f.template !== followLink(root, repo.upstreamTemplate(f.file))) out.wrongTemplate.push(`${f.file}: ${f.template} (upstream: ${repo.upstreamTemplate(f.file)})`)
    const verdicts = ref.get(f.file)
    if (!verdicts) {
      out.noReference.push(f.file)
      continue
    }
    out.compared++
    for (const cat of new Set<Category>([...Object.values(repo.checks), 'lines'])) {
      // No row: upstream does not check it, and neither should we (neutron's line width).
      const upstream = verdicts.get(cat) ?? (cat === 'lines' ? 'PASS' : undefined)
      if (upstream === undefined) continue
      const mine = f.findings.filter(x => RULES_OF[cat].includes(x.rule))
      const ours = mine.length ? 'FAIL' : 'PASS'
      if (ours !== upstream) {
        const list = out.disagreements.get(cat) ?? []
        list.push(`${f.file}: upstream ${upstream}, ours ${ours}${mine.length ? ` (${mine.slice(0, 3).map(x => `${x.line}: ${x.rule} ${x.message}`).join(' | ')}${mine.length > 3 ? ` | +${mine.length - 3}` : ''})` : ''}`)
        out.disagreements.set(cat, list)
      }
    }
  }
  return out
}

const present = existsSync(path.join(CORPUS, 'nova-specs/specs')) && existsSync(path.join(CORPUS, 'heat-specs/specs')) && existsSync(path.join(CORPUS, 'neutron-specs/specs'))
if (!present) console.log(`repository verdicts: skipped, ${CORPUS} (nova-specs, heat-specs, neutron-specs) not present`)
const describeIf = present ? describe : describe.skip

describeIf.each(REPOS.map(r => [r.name, r] as const))('%s out of the box', (_name, repo) => {
  let run: CorpusRun
  let lineWidthFromTemplate = false
  let allowed = false
  beforeAll(async () => {
    run = await corpusRun(repo)
    lineWidthFromTemplate = haveTemplateLineWidth()
    allowed = await haveAllowedSections()
    if (process.env.CORPUS_REPORT) {
      const counts = Object.fromEntries([...run.disagreements].map(([k, v]) => [k, v.length]))
      console.log(
        JSON.stringify(
          {
            repo: repo.name,
            checked: run.checked.length,
            compared: run.compared,
            noReference: run.noReference,
            templates: Object.fromEntries(run.templates),
            skipped: Object.fromEntries([...run.skipped].map(([k, v]) => [k, v.length])),
            disagreements: counts,
            examples: Object.fromEntries([...run.disagreements].map(([k, v]) => [k, v.slice(0, 5)])),
            wrongTemplate: run.wrongTemplate.slice(0, 5),
            errors: run.errors.slice(0, 5),
            notes: run.configNotes
          },
          null,
          2
        )
      )
    }
  }, 120_000)

  test('every spec is checked against the template its upstream test uses', () => {
    expect(run.checked.length).toBeGreaterThan(100)
    expect(run.wrongTemplate).toEqual([])
    expect(run.errors).toEqual([])
  })

  test('no index, README or template file is checked; every file upstream checks (besides template links) is', () => {
    expect(run.notSpecsChecked).toEqual([])
    expect(run.unchecked).toEqual([])
  })

  test('missing and extra sections agree with upstream per file', () => {
    if (repo.name === 'neutron-specs' && !allowed) {
      console.log(`${repo.name}: titles not asserted: allowed-sections is not supported yet (${run.disagreements.get('titles')?.length ?? 0} disagreements)`)
      return
    }
    expect(run.disagreements.get('titles') ?? []).toEqual([])
  })

  test('long lines agree with upstream per file (only where the template asks for wrapping)', () => {
    if (!lineWidthFromTemplate && repo.name !== 'nova-specs') {
      console.log(`${repo.name}: lines not asserted: the line width does not come from the template yet (${run.disagreements.get('lines')?.length ?? 0} disagreements)`)
      return
    }
    expect(run.disagreements.get('lines') ?? []).toEqual([])
  })

  test('trailing whitespace, carriage returns and zero-width spaces agree with upstream per file', () => {
    expect([...(run.disagreements.get('trailing') ?? []), ...(run.disagreements.get('cr') ?? []), ...(run.disagreements.get('zwsp') ?? [])]).toEqual([])
  })
})
