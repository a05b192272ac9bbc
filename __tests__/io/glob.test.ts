/**
 * src/glob.ts: the linear-time matcher agrees with picomatch on the syntax
 * they share, refuses what it does not support with a clear error, and
 * cannot be made slow by a pattern.
 */
import picomatch from 'picomatch'
import {
  globMatcher,
  GlobError,
  MAX_GLOB_ALTERNATIVES,
  MAX_GLOB_EXPANDED,
  MAX_GLOB_LENGTH,
  MAX_GLOB_LIST_EXPANDED,
  validateGlob
} from '../../src/config/glob.js'
import { Rng } from '../fuzz/prng.js'
import { workClock } from '../work-clock.js'

const PATHS = [
  'specs/a.rst', 'specs/x/a.rst', 'specs/x/y/b.rst', 'specs/.hidden.rst', 'specs/.d/a.rst', '.github/a.rst',
  'a.rst', 'specs', 'specs/template.rst', 'doc/specs/a.rst', 'specs/aab.rst', 'specs/a-b_c.txt', 'x/specs/y/z.rst',
  'specs/2025.1/approved/foo.rst', 'specs/ab', 'specs/a[b].rst', 'specs/a*b.rst'
]
const PATTERNS = [
  'specs/**/*.rst', '**/*.rst', 'specs/*.rst', 'specs/*', '*.rst', 'specs/**', '**', 'specs/?.rst', 'specs/[ab].rst',
  'specs/[^a]*.rst', 'specs/[a-c]?b.rst', '**/specs/**/*.rst', 'specs/**/approved/*.rst', 'specs/{a,aab}.rst',
  'specs/*.{rst,txt}', '!specs/a.rst', './specs/*.rst', 'specs/.*', '**/.github/*', 'specs/a\\[b\\].rst', 'specs/a\\*b.rst',
  'specs/**/**/*.rst', 'specs/*/*/*.rst', '*/*', 'specs/a*', 'specs/*b*', 'specs/template.rst', 'doc/**'
]

describe('globMatcher agrees with picomatch', () => {
  it.each([false, true])('on common patterns (dot: %s)', dot => {
    for (const p of PATTERNS) {
      const ours = globMatcher([p], { dot })
      const theirs = picomatch(p, { dot })
      for (const f of PATHS) expect([p, f, ours(f)]).toEqual([p, f, theirs(f)])
    }
  })

  it('on 3,000 random small patterns and paths', () => {
    const rng = new Rng(20261202)
    const parts = ['a', 'b', '*', '?', '.', '.a', '[ab]', '[^a]', 'a*b', '*a', '{a,b}', '-']
    const names = ['a', 'b', 'ab', 'ba', '.a', 'aab', 'x', '-', 'a.b']
    for (let n = 0; n < 3000; n++) {
      // "**" only as a whole segment (picomatch reads "**{a,b}" across slashes, a quirk).
      const segment = (): string => (rng.chance(0.2) ? '**' : Array.from({ length: 1 + rng.int(2) }, () => rng.pick(parts)).join(''))
      const pat = Array.from({ length: 1 + rng.int(3) }, segment).join('/')
      // picomatch lets "a/**" match "a" but not "*/**" match "a"; ours treats both alike.
      if (pat.endsWith('/**')) continue
      const file = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(names)).join('/')
      const dot = rng.int(2) === 1
      expect([pat, file, dot, globMatcher([pat], { dot })(file)]).toEqual([pat, file, dot, picomatch(pat, { dot })(file)])
    }
  })
})

describe('shell semantics where picomatch differs', () => {
  it('[!a] negates like [^a]', () => {
    const m = globMatcher(['specs/[!a]*.rst'])
    expect(m('specs/a.rst')).toBe(false)
    expect(m('specs/b.rst')).toBe(true)
  })
})

describe('limits and refusals', () => {
  it.each([
    ['x'.repeat(MAX_GLOB_LENGTH + 1), /characters long/],
    ['specs/+(a|b).rst', /extended globs/],
    ['specs/@(a).rst', /extended globs/],
    ['specs/[[:alpha:]].rst', /POSIX classes/],
    ['specs/{1..9}.rst', /brace ranges/],
    ['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}', new RegExp(`more than ${MAX_GLOB_ALTERNATIVES}`)],
    ['{a,b}{a,b}{a,b}{a,b}{a,b}' + '*a'.repeat(100), new RegExp(`expand to \\d+ characters, over the limit of ${MAX_GLOB_EXPANDED}`)]
  ])('refuses %s', (p, msg) => {
    expect(() => validateGlob(p)).toThrow(GlobError)
    expect(() => validateGlob(p)).toThrow(msg)
  })

  it('a list is bounded in all', () => {
    const list = Array.from({ length: 20 }, () => '**/' + '*a'.repeat(450) + '*b')
    expect(() => globMatcher(list)).toThrow(new RegExp(`the 20 patterns expand to \\d+ characters in all, over the limit of ${MAX_GLOB_LIST_EXPANDED}`))
  })

  it('the worst list within the limits: a 255-character name and a 4,000-character path in well under a second', () => {
    const list = Array.from({ length: 16 }, () => '**/' + '*a'.repeat(497) + '*b') // 16 x 998 characters
    // Segments of a name's longest length (255): the patterns that can still match one.
    const fit = Array.from({ length: 31 }, () => '**/' + '*a'.repeat(250) + '*b') // 31 x 506 characters
    const paths = ['specs/' + 'a'.repeat(249), Array(2000).fill('a').join('/'), Array(16).fill('a'.repeat(255)).join('/')]
    for (const [m, p] of [list, fit].flatMap(l => paths.map(p => [globMatcher(l), p] as const))) {
      const t = workClock()
      expect(m(p)).toBe(false)
      const ms = t.ms()
      expect(ms).toBeLessThan(1000)
    }
  })

  it('the patterns that hang a backtracking matcher take milliseconds', () => {
    const name = 'specs/' + 'a'.repeat(54)
    const deep = Array(2000).fill('a').join('/')
    const cases: [string, string][] = [
      ['**/' + '*a'.repeat(15) + '*b', name],
      ['**/' + '*a'.repeat(400) + '*b', 'specs/' + 'a'.repeat(250)],
      [Array(50).fill('**').join('/a/') + '/b', deep],
      ['**/' + '?'.repeat(200) + '*b', name]
    ]
    for (const [p, f] of cases) {
      const m = globMatcher([p])
      const t = workClock()
      expect(m(f)).toBe(false)
      expect(t.ms()).toBeLessThan(500)
    }
  })
})

describe('shortcuts for literal and `*`-then-literal segments', () => {
  // The same pattern written with a class ([x] for x) takes the full simulation: the answers must agree.
  const names = ['index.rst', 'INDEX.rst', '.index.rst', 'a-template.rst', '-template.rst', '.x-template.rst', 'template.rst', 'x.rst.md', 'x.rst',
    'é-template.rst', '😀.rst', '😀', '\uDE00.rst', 'a\uD83D\uDE00', '', '.', 'rst']
  const pairs: [string, string][] = [
    ['index.rst', '[i]ndex.rst'],
    ['*-template.rst', '*[-]template.rst'],
    ['*.rst', '*[.]rst'],
    ['.index.rst', '[.]index.rst'],
    ['*😀', '*[😀]'],
    ['*\uDE00', '*[\uDE00]'],
    ['*\uDE00.rst', '*[\uDE00].rst'],
    ['specs/**/*.rst', 'specs/**/*[.]rst'],
    ['**/index.rst', '**/[i]ndex.rst']
  ]
  for (const dot of [false, true]) {
    it(`answers as the full simulation (dot: ${dot})`, () => {
      for (const [fast, slow] of pairs) {
        const f = globMatcher([fast], { dot })
        const s = globMatcher([slow], { dot })
        for (const n of names) for (const p of [n, `specs/${n}`, `specs/a/${n}`, `.specs/${n}`]) expect([fast, p, f(p)]).toEqual([fast, p, s(p)])
      }
    })
  }
})
