/**
 * Hostile inputs, through the engine (each file timed on its own) and through
 * the bundled CLI (one real process checking all of them together, so a bad
 * file cannot stop the others from being checked). Every input gives its
 * specific findings or one clear, located error; none takes over 1 s.
 *
 * The big inputs are generated in a temporary directory at test time.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkText } from '../../src/engine/check.js'
import { DEFAULT_TEMPLATE_TEXT } from '../../src/engine/default-template.generated.js'
import { EMBEDDED_TEMPLATE, templateFromText } from '../../src/templates/templates.js'
import type { CheckOptions } from '../../src/engine/types.js'
import { RULES } from '../../src/rules/index.js'
import { workClock } from '../work-clock.js'
import { cliEnv } from '../e2e/bundle.js'

const CLI = path.resolve('dist/cli/index.js')
const BOUND_MS = 1000
const GOOD = readFileSync(path.resolve('examples/good-spec.rst'), 'utf8')
const GOOD_LINES = GOOD.split('\n').length - 1
const TEMPLATE = templateFromText(DEFAULT_TEMPLATE_TEXT, EMBEDDED_TEMPLATE, true, 2)
const TOP_SECTIONS = TEMPLATE.sections.filter(s => s.required).map(s => s.title)

/** What both the engine and the CLI's JSON report give for a file. */
interface Finding {
  rule: string
  severity: string
  message: string
  line: number
  endLine?: number
  column?: number
}
interface Result {
  findings: Finding[]
  error?: string
}

interface Hostile {
  name: string
  file: string
  make: () => Buffer
  expect: (r: Result) => void
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8')
const lineOf = (text: string, line: string): number => {
  const i = text.split('\n').indexOf(line)
  if (i === -1) throw new Error(`no line ${JSON.stringify(line.slice(0, 40))}`)
  return i + 1
}
const brief = (r: Result): string[] => r.findings.map(f => `${f.rule}@${f.line}`)

/** The good spec with `extra` appended (at the end of its last section). */
const goodPlus = (extra: string): string => `${GOOD}\n${extra}`

// --- the inputs -------------------------------------------------------------

const BOM_LINE = 11 // a prose line of the good spec
const bomText = GOOD.split('\n').map((l, i) => (i === BOM_LINE - 1 ? `${l}  ` : l)).join('\n')

const LONG_LINE = 'lorem ipsum '.repeat(1000).slice(0, 9999) + '.' // 10,000 characters, no trailing space
const longLinesText = GOOD.replace('elements many times a day and each iteration pays that cost again.\n', m => `${m}\n${LONG_LINE}\n${LONG_LINE}\n${LONG_LINE}\n`)

function tenMegabytes(): { text: string; last: number } {
  const parts = [GOOD, '\n']
  let size = GOOD.length + 1
  for (let n = 0; size < 10 * 1024 * 1024; n++) {
    const p = `Filler paragraph ${n} of a very large spec: wrapped well inside the limit,\nwith a second line, and a third line that ends the paragraph here.\n\n`
    parts.push(p)
    size += p.length
  }
  parts.push('The last line ends with a space. \n')
  const text = parts.join('')
  return { text, last: text.split('\n').length - 1 }
}

function twoHundredThousandLines(): string {
  const lines = GOOD.split('\n').slice(0, -1)
  lines.push('')
  while (lines.length < 199_998) lines.push(lines.length % 10 === 0 ? '' : `word ${lines.length}`)
  lines.push('', '\tThe last line starts with a tab.')
  return lines.join('\n') + '\n'
}

const markupTitle = (c: string): string => `Markup ${`${c}x `.repeat(50_000)}`.trimEnd()
function markup(c: string): string {
  const title = markupTitle(c)
  return goodPlus(`${title}\n${'='.repeat(title.length)}\n\n${c.repeat(50_000)}\n`)
}

function nested(): { text: string; long: number[] } {
  const items: string[] = []
  for (let k = 0; k < 1000; k++) items.push(`${'  '.repeat(k)}- level ${k}`, '')
  const text = goodPlus(items.join('\n'))
  const lines = text.split('\n')
  const long = lines.flatMap((l, i) => (l.length > 79 ? [i + 1] : []))
  return { text, long }
}

const BIG = tenMegabytes()
const NESTED = nested()

const CASES: Hostile[] = [
  {
    name: 'empty file',
    file: 'specs/01-empty.rst',
    make: () => Buffer.alloc(0),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(r.findings.filter(f => f.rule === 'title')).toEqual([
        expect.objectContaining({ line: 1, message: 'The spec has no document title: start it with a title, over- and underlined as in the template.' })
      ])
      expect(r.findings.filter(f => f.rule === 'missing-section').map(f => f.message.match(/"(.*?)"/)![1])).toEqual(TOP_SECTIONS)
      expect(r.findings.every(f => f.line === 1)).toBe(true)
    }
  },
  {
    name: 'only whitespace',
    file: 'specs/02-whitespace.rst',
    make: () => utf8('   \n\t\n \t \n'),
    expect: r => {
      expect(r.error).toBeUndefined()
      const ws = r.findings.filter(f => f.rule === 'trailing-whitespace')
      expect(ws.map(f => f.line)).toEqual([1, 2, 3])
      expect(ws.every(f => f.message === 'Line has only whitespace: make it empty.')).toBe(true)
      expect(r.findings.filter(f => f.rule === 'tab').map(f => f.line)).toEqual([2, 3])
      expect(r.findings.find(f => f.rule === 'title')?.line).toBe(1)
    }
  },
  {
    name: 'binary (NUL bytes)',
    file: 'specs/03-binary.rst',
    // A PNG header: CR LF, then 0x1a LF: the first NUL starts line 3.
    make: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]),
    expect: r => {
      expect(r.error).toBe('line 3: binary file: NUL byte at line 3, column 1; a spec must be UTF-8 text')
      expect(r.findings).toEqual([])
    }
  },
  {
    name: 'invalid UTF-8 (a Latin-1 byte)',
    file: 'specs/04-latin1.rst',
    make: () => {
      const at = GOOD.indexOf('A build of a small image')
      return Buffer.concat([utf8(GOOD.slice(0, at)), utf8('A caf'), Buffer.from([0xe9]), utf8(' build'), utf8(GOOD.slice(at + 'A build'.length))])
    },
    expect: r => {
      expect(GOOD.split('\n')[17]).toMatch(/^A build of a small image/) // line 18, where "A caf\xe9" goes
      expect(r.error).toBe('line 18: not valid UTF-8: invalid byte 0xe9 at line 18, column 6; save the file as UTF-8')
      expect(r.findings).toEqual([])
    }
  },
  {
    name: 'UTF-16 LE with BOM',
    file: 'specs/05-utf16le.rst',
    make: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]),
    expect: r => {
      expect(r.error).toBe('line 1: file is UTF-16LE encoded (byte order mark); save it as UTF-8')
      expect(r.findings).toEqual([])
    }
  },
  {
    name: 'UTF-16 BE with BOM',
    file: 'specs/06-utf16be.rst',
    make: () => {
      const le = Buffer.from(GOOD, 'utf16le')
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])
    },
    expect: r => {
      expect(r.error).toBe('line 1: file is UTF-16BE encoded (byte order mark); save it as UTF-8')
      expect(r.findings).toEqual([])
    }
  },
  {
    name: 'UTF-8 BOM (stripped: lines and columns as without it)',
    file: 'specs/07-utf8-bom.rst',
    make: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(bomText)]),
    expect: r => {
      expect(r.error).toBeUndefined()
      const col = GOOD.split('\n')[BOM_LINE - 1]!.length + 1
      expect(r.findings).toEqual([expect.objectContaining({ rule: 'trailing-whitespace', line: BOM_LINE, column: col })])
    }
  },
  {
    name: 'CRLF line endings',
    file: 'specs/08-crlf.rst',
    make: () => utf8(GOOD.replace(/\n/g, '\r\n')),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(r.findings).toEqual([
        expect.objectContaining({ rule: 'carriage-return', line: 1, endLine: GOOD_LINES, message: 'The file uses CRLF line endings: convert it to LF (Unix) line endings.' })
      ])
    }
  },
  {
    name: 'lone CR line endings',
    file: 'specs/09-cr.rst',
    make: () => utf8(GOOD.replace(/\n/g, '\r')),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(r.findings).toEqual([
        expect.objectContaining({ rule: 'carriage-return', line: 1, endLine: GOOD_LINES, message: 'The file uses CR line endings: convert it to LF (Unix) line endings.' })
      ])
    }
  },
  {
    name: 'invalid UTF-8 in a file with lone CR line endings (located on the line findings use)',
    file: 'specs/09b-cr-latin1.rst',
    make: () => {
      const at = GOOD.indexOf('A build of a small image')
      const cr = (s: string): string => s.replace(/\n/g, '\r')
      return Buffer.concat([utf8(cr(GOOD.slice(0, at))), utf8('A caf'), Buffer.from([0xe9]), utf8(cr(GOOD.slice(at + 'A'.length)))])
    },
    expect: r => {
      expect(r.error).toBe('line 18: not valid UTF-8: invalid byte 0xe9 at line 18, column 6; save the file as UTF-8')
      expect(r.findings).toEqual([])
    }
  },
  {
    name: 'a 10 MB spec',
    file: 'specs/10-ten-megabytes.rst',
    make: () => utf8(BIG.text),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(brief(r)).toEqual([`trailing-whitespace@${BIG.last}`])
    }
  },
  {
    name: '200,000 lines',
    file: 'specs/11-200k-lines.rst',
    make: () => utf8(twoHundredThousandLines()),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(brief(r)).toEqual(['tab@200000'])
    }
  },
  {
    name: '10,000-character lines',
    file: 'specs/12-long-lines.rst',
    make: () => utf8(longLinesText),
    expect: r => {
      expect(r.error).toBeUndefined()
      const first = lineOf(longLinesText, LONG_LINE)
      expect(brief(r)).toEqual([`line-length@${first}`, `line-length@${first + 1}`, `line-length@${first + 2}`])
      expect(r.findings[0]!.message).toBe('Line is 10000 characters long; wrap it at 79 (the template asks for it: "Please wrap text at 79 columns." (embedded default template line 41)).')
    }
  },
  ...['*', '`', '|', '_'].map((c, i): Hostile => ({
    name: `50,000 unclosed inline markup characters: ${c}`,
    file: `specs/${13 + i}-markup-${['star', 'backquote', 'bar', 'underscore'][i]}.rst`,
    make: () => utf8(markup(c)),
    expect: r => {
      expect(r.error).toBeUndefined()
      const title = lineOf(markup(c), markupTitle(c))
      // The title is found (a section the template does not have), its long line reported;
      // the 50,000-character run below it is one token (exempt from line-length).
      expect(brief(r).sort()).toEqual([`extra-section@${title}`, `line-length@${title}`])
      expect(r.findings.find(f => f.rule === 'extra-section')!.message.startsWith(`Section "Markup ${c}x ${c}x `)).toBe(true)
    }
  })),
  {
    name: '1,000 nested list levels',
    file: 'specs/17-nested-lists.rst',
    make: () => utf8(NESTED.text),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(NESTED.long.length).toBeGreaterThan(900)
      expect(r.findings.every(f => f.rule === 'line-length')).toBe(true)
      expect(r.findings.map(f => f.line)).toEqual(NESTED.long)
    }
  },
  {
    name: '20,000 lines of only "="',
    file: 'specs/18-equals.rst',
    make: () => utf8(`${'='.repeat(79)}\n`.repeat(20_000)),
    expect: r => {
      expect(r.error).toBeUndefined()
      expect(r.findings.filter(f => f.rule === 'title')).toEqual([expect.objectContaining({ line: 1 })])
      expect(r.findings.filter(f => f.rule === 'missing-section').map(f => f.message.match(/"(.*?)"/)![1])).toEqual(TOP_SECTIONS)
      expect(r.findings.every(f => f.line >= 1 && f.line <= 20_000)).toBe(true)
      expect(new Set(r.findings.map(f => f.rule))).toEqual(new Set(['title', 'missing-section']))
    }
  }
]

// --- the workspace ----------------------------------------------------------

let ws: string
const bytes = new Map<string, Buffer>()

beforeAll(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'stc-hostile-'))
  mkdirSync(path.join(ws, 'specs'))
  writeFileSync(path.join(ws, 'specs/00-good.rst'), GOOD)
  for (const c of CASES) {
    const b = c.make()
    bytes.set(c.file, b)
    writeFileSync(path.join(ws, c.file), b)
  }
})
afterAll(() => rmSync(ws, { recursive: true, force: true }))

const options = (file: string): CheckOptions => ({ file, rules: {}, optionalSections: [], sectionDepth: 2 })

describe('hostile inputs through the engine (each under 1 s)', () => {
  const times: string[] = []
  afterAll(() => process.stderr.write(`hostile inputs, engine ms per file:\n${times.join('\n')}\n`))

  test.each(CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const input = new Uint8Array(readFileSync(path.join(ws, c.file)))
    const t0 = workClock()
    const r = checkText(input, TEMPLATE, options(c.file), RULES)
    const ms = t0.ms()
    times.push(`  ${ms.toFixed(1).padStart(8)}  ${c.name}`)
    c.expect(r)
    for (const f of r.findings) expect(f.file).toBe(c.file)
    expect(ms).toBeLessThan(BOUND_MS)
  })
})

/*
 * KNOWN FAILING (outside the files this change may edit; to be routed):
 * src/engine/suppress.ts matches every line containing "spec-template-check:"
 * with /^\s*\.\.\s+spec-template-check:\s*(...)\s*=\s*(.*?)\s*$/, whose lazy
 * (.*?) followed by \s*$ is quadratic in a run of blanks inside the line: one
 * 50,000-character comment line takes seconds (parseSuppressions runs twice
 * per file: the suppression rule and checkText). Fix: match up to "=" with
 * the regex and trim the rest with String#trim (or a loop).
 */
describe('hostile inputs that still need a fix elsewhere', () => {
  test('a suppression comment with 50,000 blanks inside is checked in under 1 s (src/engine/suppress.ts)', () => {
    const spec = goodPlus(`.. spec-template-check: disable=line-length${' '.repeat(50_000)}x\n`)
    const t0 = workClock()
    const r = checkText(spec, TEMPLATE, options('specs/suppress.rst'), RULES)
    const ms = t0.ms()
    expect(r.findings.map(f => f.rule).sort()).toEqual(['line-length', 'suppression']) // the comment line is long; its rule list is unknown
    expect(ms).toBeLessThan(BOUND_MS)
  })
})

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(args: string[], cwd: string): Promise<Run> {
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run `npm run bundle` first')
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: cliEnv(), maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

describe('hostile inputs through the CLI: one process, every file checked', () => {
  let r: Run
  let report: { files: (Result & { file: string; template: string })[]; summary: { files: number; errors: number } }
  let stats: { files: number; maxMs: number; totalMs: number }

  beforeAll(async () => {
    r = await run(['--format', 'json', '--output', 'report.json', '--stats', 'specs'], ws)
    report = JSON.parse(readFileSync(path.join(ws, 'report.json'), 'utf8'))
    const m = /stats (\{.*\})/.exec(r.stderr)
    stats = m ? JSON.parse(m[1]!) : undefined
  }, 120_000)

  test('exit 1 (errors), no internal error, every file in the report, each under 1 s', () => {
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(1)
    expect(report.files.map(f => f.file)).toEqual(['specs/00-good.rst', ...CASES.map(c => c.file)].sort())
    expect(report.summary.files).toBe(CASES.length + 1)
    expect(report.files.find(f => f.file === 'specs/00-good.rst')!.findings).toEqual([])
    expect(stats.files).toBe(CASES.length + 1)
    process.stderr.write(`hostile inputs, CLI: ${stats.files} files, total ${stats.totalMs} ms, slowest file ${stats.maxMs} ms\n`)
    expect(stats.maxMs).toBeLessThan(BOUND_MS)
  })

  test.each(CASES.map(c => [c.name, c] as const))('%s: same result as the engine', (_name, c) => {
    const f = report.files.find(x => x.file === c.file)!
    expect(f).toBeDefined()
    c.expect(f)
    const engine = checkText(new Uint8Array(bytes.get(c.file)!), TEMPLATE, options(c.file), RULES)
    const key = (x: Finding): string => `${x.rule}@${x.line}:${x.severity}:${x.message}`
    expect(f.findings.map(key)).toEqual(engine.findings.map(key))
    expect(f.error).toBe(engine.error)
  })
})
