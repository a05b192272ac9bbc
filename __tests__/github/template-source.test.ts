/**
 * template-ref: base — template sources (git, API), their selection, and
 * discovery through checkFiles with a source other than the workspace.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkFiles } from '../../src/runner/check-files.js'
import { ConfigError, type Settings } from '../../src/config/config.js'
import { createClient } from '../../src/github/client.js'
import type { EventContext, EventPayload } from '../../src/github/context.js'
import { templateBaseCommit } from '../../src/github/context.js'
import { apiTemplateSource, baseTemplateSource, type ContentsApi } from '../../src/github/template-source.js'
import {
  EMBEDDED_TEMPLATE,
  gitHasCommit,
  gitTemplateSource,
  isPlainRelativePath,
  workspaceTemplateSource,
  type GitBytesRunner,
  type TemplateNote,
  type TemplateSource
} from '../../src/templates/templates.js'
import { startMockGitHub, type MockGitHub } from '../e2e/mock-github.js'

const TEMPLATE = `=======================
Example Spec Title Here
=======================

Introduction.

Problem description
===================

Describe the problem.

Proposed change
===============

Describe the change.

Alternatives
------------

Other ways.

References
==========

Links.
`

/** The template as a pull request weakens it: no "Alternatives". */
const WEAK_TEMPLATE = TEMPLATE.replace('Alternatives\n------------\n\nOther ways.\n\n', '')

/** A spec that leaves out "Alternatives" (passes the weakened template only). */
const SPEC = `=============
Faster things
=============

Things are slow; this makes them fast.

Problem description
===================

Things take minutes.

Proposed change
===============

Make them take seconds.

References
==========

None.
`

const settings = (workspace: string, over: Partial<Settings> = {}): Settings => ({
  workspace,
  paths: ['specs/**/*.rst'],
  exclude: [],
  optionalSections: [],
  maxLineLength: 79,
  rules: {},
  sectionDepth: 2,
  failOn: 'error',
  ...over
})

const ctx = (eventName: string, payload: EventPayload): EventContext => ({ eventName, payload, owner: 'octo', repo: 'specs', sha: 'f'.repeat(40) })

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

/** A source backed by a plain object (path -> text). */
function memorySource(files: Record<string, string>, description = 'the base commit aaaaaaa'): TemplateSource {
  return {
    description,
    exists: async p => p in files,
    read: async p => {
      if (!(p in files)) throw new ConfigError(`not in ${description}`)
      return files[p]!
    }
  }
}

describe('isPlainRelativePath', () => {
  it.each([
    ['specs/a.rst', true],
    ['specs/with space, comma: colon %41.rst', true],
    ['specs/new\nline.rst', true],
    ['/etc/passwd', false],
    ['specs/../../etc/passwd', false],
    ['../secret', false],
    ['specs/./a.rst', false],
    ['specs//a.rst', false],
    ['', false],
    ['specs/a\0.rst', false]
  ])('%j -> %s', (p, ok) => {
    expect(isPlainRelativePath(p, 'linux')).toBe(ok)
  })
  it('on Windows a backslash or drive letter is not plain', () => {
    expect(isPlainRelativePath('specs\\..\\x.rst', 'win32')).toBe(false)
    expect(isPlainRelativePath('C:/x.rst', 'win32')).toBe(false)
    expect(isPlainRelativePath('specs\\x.rst', 'linux')).toBe(true)
  })
})

describe('templateBaseCommit', () => {
  it('pull_request / pull_request_target: base.sha', () => {
    for (const e of ['pull_request', 'pull_request_target']) {
      expect(templateBaseCommit(ctx(e, { pull_request: { number: 3, base: { sha: BASE } } }))).toMatchObject({ sha: BASE, what: expect.stringContaining('#3') })
    }
  })
  it('merge_group: base_sha; push: before; new branch / other events: no base, with the reason', () => {
    expect(templateBaseCommit(ctx('merge_group', { merge_group: { base_sha: BASE, head_sha: HEAD } })).sha).toBe(BASE)
    expect(templateBaseCommit(ctx('push', { before: BASE, after: HEAD })).sha).toBe(BASE)
    expect(templateBaseCommit(ctx('push', { before: '0'.repeat(40), after: HEAD }))).toMatchObject({ why: expect.stringMatching(/new branch/) })
    expect(templateBaseCommit(ctx('workflow_dispatch', {}))).toMatchObject({ why: expect.stringMatching(/workflow_dispatch/) })
    expect(templateBaseCommit(ctx('pull_request', { pull_request: { number: 1, base: { sha: 'not a sha' } } })).sha).toBeUndefined()
  })
})

describe('gitTemplateSource (mocked git)', () => {
  it('runs git with argument arrays: cat-file -t <sha>:./<path>, then show <sha>:./<path>', async () => {
    const calls: string[][] = []
    const git: GitBytesRunner = async args => {
      calls.push(args)
      const spec = args[args.length - 1]!
      if (args.includes('cat-file')) {
        if (spec === `${BASE}:./specs/template.rst`) return Buffer.from('blob\n')
        if (spec === `${BASE}:./specs/dir`) return Buffer.from('tree\n')
        throw new Error(`fatal: path does not exist in '${BASE}'`)
      }
      if (args.includes('show')) return Buffer.from(TEMPLATE)
      throw new Error('unexpected')
    }
    const src = gitTemplateSource({ workspace: '/ws', sha: BASE, git, description: 'the base commit aaaaaaa' })
    expect(await src.exists('specs/template.rst')).toBe(true)
    expect(await src.exists('specs/dir')).toBe(false)
    expect(await src.exists('specs/sub/template.rst')).toBe(false)
    // Never asks git about a path that is not plain.
    expect(await src.exists('specs/../../etc/template.rst')).toBe(false)
    expect(await src.read('specs/template.rst')).toBe(TEMPLATE)
    await expect(src.read('specs/sub/template.rst')).rejects.toThrow(/not in the base commit aaaaaaa/)
    expect(calls.every(a => a[0] === '-c' && a[1] === 'safe.directory=/ws')).toBe(true)
    expect(calls.map(a => a.slice(2))).toEqual([
      ['cat-file', '-t', `${BASE}:./specs/template.rst`],
      ['cat-file', '-t', `${BASE}:./specs/dir`],
      ['cat-file', '-t', `${BASE}:./specs/sub/template.rst`],
      ['show', `${BASE}:./specs/template.rst`]
    ])
  })

  it('a binary or non-UTF-8 template at the base is a one-line error', async () => {
    const git: GitBytesRunner = async args => (args.includes('cat-file') ? Buffer.from('blob') : Buffer.from([0x3d, 0x3d, 0xff, 0x0a]))
    const src = gitTemplateSource({ workspace: '/ws', sha: BASE, git })
    await expect(src.read('specs/template.rst')).rejects.toThrow(/not valid UTF-8/)
  })

  it('gitHasCommit refuses anything but a hex sha', async () => {
    const git: GitBytesRunner = async () => Buffer.from('')
    expect(await gitHasCommit('/ws', '--output=/tmp/x', git)).toBe(false)
    expect(await gitHasCommit('/ws', BASE, git)).toBe(true)
  })
})

describe('template-ref base against a real repository (git show)', () => {
  let dir: string
  let base: string
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' }
    }).trim()
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stc-tplref-'))
    git('init', '-q')
    write('specs/template.rst', TEMPLATE)
    write('specs/old/template.rst', TEMPLATE)
    write('specs/old/a.rst', SPEC)
    write('specs/a.rst', SPEC)
    git('add', '.')
    git('commit', '-q', '-m', 'base')
    base = git('rev-parse', 'HEAD')
    // The pull request: weakens the template, adds a permissive one in a new
    // folder, deletes the one of specs/old.
    write('specs/template.rst', WEAK_TEMPLATE)
    write('specs/new/template.rst', WEAK_TEMPLATE)
    write('specs/new/b.rst', SPEC)
    git('rm', '-q', 'specs/old/template.rst')
    git('add', '.')
    git('commit', '-q', '-m', 'head')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const missing = (r: Awaited<ReturnType<typeof checkFiles>>, file: string): string[] =>
    r.files.find(f => f.file === file)!.findings.filter(f => f.rule === 'missing-section').map(f => f.message)

  it('head: the weakened template lets the spec pass', async () => {
    const r = await checkFiles(['specs/a.rst'], settings(dir))
    expect(missing(r, 'specs/a.rst')).toEqual([])
  })

  it('base: the spec is checked against the base template and fails; an added template does not count, a deleted one still does', async () => {
    expect(await gitHasCommit(dir, base)).toBe(true)
    const notes: TemplateNote[] = []
    const src = gitTemplateSource({ workspace: dir, sha: base, description: 'the base commit' })
    const r = await checkFiles(['specs/a.rst', 'specs/new/b.rst', 'specs/old/a.rst'], settings(dir), {
      templateSource: src,
      compareTemplatesWith: workspaceTemplateSource(dir),
      onTemplateNote: n => notes.push(n)
    })
    expect(missing(r, 'specs/a.rst').join()).toMatch(/Alternatives/)
    // specs/new/template.rst exists only at head: discovery goes up to specs/template.rst (at base).
    expect(r.files.find(f => f.file === 'specs/new/b.rst')!.template).toBe('specs/template.rst')
    expect(missing(r, 'specs/new/b.rst').join()).toMatch(/Alternatives/)
    // specs/old/template.rst is deleted by the change but still exists at base.
    expect(r.files.find(f => f.file === 'specs/old/a.rst')!.template).toBe('specs/old/template.rst')
    expect(notes).toEqual([
      { kind: 'not-in-source', template: 'specs/new/template.rst', spec: 'specs/new/b.rst', usedInstead: 'specs/template.rst', source: 'the base commit' }
    ])
  })

  it('baseTemplateSource picks git when the base commit is in the checkout (no API call)', async () => {
    const api = {
      rest: {
        repos: { getContent: async () => { throw new Error('no API call expected') } },
        git: { getCommit: async () => { throw new Error('no API call expected') } }
      }
    } as unknown as ContentsApi
    const picked = await baseTemplateSource(ctx('pull_request', { pull_request: { number: 1, base: { sha: base } } }), dir, { api })
    expect(picked).toMatchObject({ via: 'git' })
    expect(await picked.source!.read('specs/template.rst')).toBe(TEMPLATE)
  })
})

describe('apiTemplateSource and baseTemplateSource against the mock API', () => {
  let mock: MockGitHub
  afterEach(async () => {
    await mock?.close()
  })
  // Waits are scaled down, but no answer here hangs: the per-request timeout stays
  // generous in real milliseconds (2,000 "seconds" of 5 ms = 10 s), so that a loaded
  // machine cannot turn a slow answer into a retry (and a second request).
  const client = () => createClient('test-token', { secondMs: 5, requestTimeout: 2000 }, { GITHUB_API_URL: mock.url })
  const noGit: GitBytesRunner = async () => {
    throw new Error('not a git repository')
  }

  it('reads raw bytes with ref=<base>; 404 = not there; a directory is not a file; bytes are not mangled', async () => {
    mock = await startMockGitHub({
      contents: {
        [BASE]: {
          'specs/template.rst': TEMPLATE,
          'specs/dir/x.rst': 'x',
          'specs/latin1-template.rst': Buffer.from('Titl\xe9\n=====\n', 'latin1'),
          'specs/bin-template.rst': new Uint8Array([0x3d, 0x00, 0x0a])
        }
      }
    })
    const src = apiTemplateSource(client(), { owner: 'octo', repo: 'specs', sha: BASE, description: 'the base commit aaaaaaa' })
    expect(await src.exists('specs/template.rst')).toBe(true)
    expect(await src.read('specs/template.rst')).toBe(TEMPLATE)
    expect(await src.exists('specs/sub/template.rst')).toBe(false)
    expect(await src.exists('specs/dir')).toBe(false)
    await expect(src.read('specs/dir')).rejects.toThrow(/not a file in the base commit/)
    await expect(src.read('specs/sub/template.rst')).rejects.toThrow(/not in the base commit aaaaaaa/)
    await expect(src.read('specs/latin1-template.rst')).rejects.toThrow(/not valid UTF-8: invalid byte 0xe9/)
    await expect(src.read('specs/bin-template.rst')).rejects.toThrow(/binary file: NUL byte/)
    // Not plain: never requested.
    expect(await src.exists('specs/../../etc/passwd')).toBe(false)
    const reqs = mock.find('GET', /\/contents\//)
    // One request per path (cached), each with the ref and the raw media type.
    expect(reqs.map(r => r.path).sort()).toEqual(
      [
        '/repos/octo/specs/contents/specs/bin-template.rst',
        '/repos/octo/specs/contents/specs/dir',
        '/repos/octo/specs/contents/specs/latin1-template.rst',
        '/repos/octo/specs/contents/specs/sub/template.rst',
        '/repos/octo/specs/contents/specs/template.rst'
      ].sort()
    )
    expect(reqs.every(r => r.query.ref === BASE)).toBe(true)
    expect(reqs.every(r => /application\/vnd\.github\.v3\.raw/.test(String(r.headers.accept)))).toBe(true)
  })

  it('lists the subfolders of a folder from its directory listing (Markdown discovery: NNNN-kep-template/README.md)', async () => {
    mock = await startMockGitHub({
      contents: { [BASE]: { 'keps/NNNN-kep-template/README.md': '# T\n\n## A\n', 'keps/README.md': '# KEPs\n', 'keps/sig-x/1-a/README.md': 'x' } }
    })
    const src = apiTemplateSource(client(), { owner: 'octo', repo: 'specs', sha: BASE })
    expect((await src.folders!('keps')).sort()).toEqual(['NNNN-kep-template', 'sig-x'])
    expect(await src.folders!('keps/README.md')).toEqual([])
    expect(await src.folders!('')).toEqual([])
    expect(await src.folders!('nope')).toEqual([])
    expect(await src.exists('keps/NNNN-kep-template/README.md')).toBe(true)
  })

  it('an API error other than 404 fails closed (one line), after the retries', async () => {
    mock = await startMockGitHub({
      contents: { [BASE]: { 'specs/template.rst': TEMPLATE } },
      failures: [{ method: 'GET', path: /\/contents\//, status: 500, times: 10 }]
    })
    const src = apiTemplateSource(client(), { owner: 'octo', repo: 'specs', sha: BASE })
    await expect(src.exists('specs/template.rst')).rejects.toThrow(/cannot read template specs\/template\.rst .*HTTP 500/)
    expect(mock.find('GET', /\/contents\//)).toHaveLength(4) // 1 + 3 retries
  })

  it('baseTemplateSource: not in the checkout -> verifies the commit, then the API', async () => {
    mock = await startMockGitHub({ contents: { [BASE]: { 'specs/template.rst': TEMPLATE } } })
    const picked = await baseTemplateSource(ctx('pull_request', { pull_request: { number: 1, base: { sha: BASE } } }), '/nonexistent', { api: client(), git: noGit })
    expect(picked).toMatchObject({ via: 'api' })
    expect(mock.find('GET', /\/git\/commits\//).map(r => r.path)).toEqual([`/repos/octo/specs/git/commits/${BASE}`])
    expect(await picked.source!.read('specs/template.rst')).toBe(TEMPLATE)
  })

  it('baseTemplateSource: a pull request whose base GitHub does not know fails; a push falls back to head with a notice', async () => {
    mock = await startMockGitHub({})
    await expect(
      baseTemplateSource(ctx('pull_request', { pull_request: { number: 1, base: { sha: BASE } } }), '/nonexistent', { api: client(), git: noGit })
    ).rejects.toThrow(/template-ref: base: cannot read the base commit aaaaaaa of pull request #1 .*HTTP 404/)
    const push = await baseTemplateSource(ctx('push', { before: BASE, after: HEAD }), '/nonexistent', { api: client(), git: noGit })
    expect(push.source).toBeUndefined()
    expect((push as { notice: string }).notice).toMatch(/force push.*workspace \(the head\)/)
  })

  it.each([
    ['an empty body', ''],
    ['null', 'null'],
    ['{}', '{}'],
    ['another commit', JSON.stringify({ sha: 'c'.repeat(40) })]
  ])('baseTemplateSource: the commit answered with %s is an error after the retries, not a base', async (_, rawBody) => {
    mock = await startMockGitHub({
      contents: { [BASE]: { 'specs/template.rst': TEMPLATE } },
      failures: [{ method: 'GET', path: /\/git\/commits\//, status: 200, rawBody, times: 100 }]
    })
    await expect(
      baseTemplateSource(ctx('pull_request', { pull_request: { number: 1, base: { sha: BASE } } }), '/nonexistent', { api: client(), git: noGit })
    ).rejects.toThrow(/^template-ref: base: cannot read the base commit aaaaaaa of pull request #1 through the GitHub API \(GET \/repos\/octo\/specs\/git\/commits\/a+: the answer is .*, not commit aaaaaaa \(4 tries\)\)$/)
    expect(mock.find('GET', /\/git\/commits\//)).toHaveLength(4)
  })

  it.each([
    ['null', 'null'],
    ['{}', '{}'],
    ['a list that is not a directory', '[{"path": "x"}]'],
    ['cut-off JSON', '[{"type": "fi']
  ])('a JSON contents answer that is %s: an error after the retries, not "no such template"', async (_, rawBody) => {
    mock = await startMockGitHub({
      contents: { [BASE]: { 'specs/template.rst': TEMPLATE } },
      failures: [{ method: 'GET', path: /\/contents\//, status: 200, rawBody, times: 100 }]
    })
    const src = apiTemplateSource(client(), { owner: 'octo', repo: 'specs', sha: BASE, description: 'the base commit aaaaaaa' })
    await expect(src.exists('specs/template.rst')).rejects.toThrow(
      /^cannot read template specs\/template\.rst from the base commit aaaaaaa through the GitHub API \(GET \/repos\/octo\/specs\/contents\/specs\/template\.rst: the answer is .*neither a file nor a directory listing \(4 tries\)\)$/
    )
  })

  it('baseTemplateSource: no token and no commit in the checkout is a ConfigError; no base -> notice', async () => {
    await expect(
      baseTemplateSource(ctx('pull_request_target', { pull_request: { number: 2, base: { sha: BASE } } }), '/nonexistent', { git: noGit })
    ).rejects.toBeInstanceOf(ConfigError)
    await expect(
      baseTemplateSource(ctx('pull_request_target', { pull_request: { number: 2, base: { sha: BASE } } }), '/nonexistent', { git: noGit })
    ).rejects.toThrow(/not in the checkout and there is no github-token.*fetch-depth: 0.*github-token/)
    await expect(baseTemplateSource(ctx('pull_request', { pull_request: { number: 2 } }), '/nonexistent', { git: noGit })).rejects.toThrow(
      /template-ref: base: the pull_request payload has no base\.sha; cannot tell which templates to trust/
    )
    const none = await baseTemplateSource(ctx('workflow_dispatch', {}), '/nonexistent', { git: noGit })
    expect(none).toMatchObject({ notice: expect.stringMatching(/has no base commit.*head/) })
  })
})

describe('checkFiles with a template source', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'stc-src-'))
    mkdirSync(path.join(ws, 'specs/sub'), { recursive: true })
    writeFileSync(path.join(ws, 'specs/template.rst'), WEAK_TEMPLATE)
    writeFileSync(path.join(ws, 'specs/sub/template.rst'), WEAK_TEMPLATE)
    writeFileSync(path.join(ws, 'specs/a.rst'), SPEC)
    writeFileSync(path.join(ws, 'specs/sub/b.rst'), SPEC)
  })
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  it('a template only at head: discovery falls back to the embedded default, and says so', async () => {
    const notes: TemplateNote[] = []
    const r = await checkFiles(['specs/sub/b.rst'], settings(ws), {
      templateSource: memorySource({}),
      compareTemplatesWith: workspaceTemplateSource(ws),
      onTemplateNote: n => notes.push(n)
    })
    expect(r.files[0]!.template).toBe(EMBEDDED_TEMPLATE)
    expect(r.files[0]!.embeddedTemplate).toBe(true)
    expect(notes.map(n => [n.template, n.usedInstead])).toEqual([
      ['specs/sub/template.rst', EMBEDDED_TEMPLATE],
      ['specs/template.rst', EMBEDDED_TEMPLATE]
    ])
  })

  it('an explicit template is read from the source too; missing there is a one-line ConfigError naming it', async () => {
    const s = settings(ws, { template: 'specs/template.rst' })
    const r = await checkFiles(['specs/a.rst'], s, { templateSource: memorySource({ 'specs/template.rst': TEMPLATE }) })
    expect(r.files[0]!.findings.some(f => f.rule === 'missing-section' && /Alternatives/.test(f.message))).toBe(true)
    await expect(checkFiles(['specs/a.rst'], s, { templateSource: memorySource({}) })).rejects.toThrow(
      /^template specs\/template\.rst: not in the base commit aaaaaaa$/
    )
  })

  it('the default source is the workspace (the CLI path is unchanged)', async () => {
    const r = await checkFiles(['specs/a.rst'], settings(ws))
    expect(r.files[0]!.template).toBe('specs/template.rst')
    expect(r.files[0]!.findings.filter(f => f.rule === 'missing-section')).toEqual([])
  })
})
