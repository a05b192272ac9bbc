import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError, type Settings } from '../../src/config/config.js'
import {
  getChangedFiles,
  MAX_PULL_FILE_PAGES,
  nextPageUrl,
  parseNameStatus,
  type ChangedFilesApi,
  type GitRunner
} from '../../src/github/changed-files.js'
import { ApiError, ApiShapeError } from '../../src/github/client.js'
import type { EventContext, EventPayload } from '../../src/github/context.js'

interface Entry {
  filename: string
  status: string
  patch?: string
  previous_filename?: string
}

const settings = (over: Partial<Settings> = {}): Settings => ({
  workspace: '/nonexistent-workspace',
  paths: ['specs/**/*.rst'],
  exclude: [],
  optionalSections: [],
  maxLineLength: 79,
  rules: {},
  sectionDepth: 2,
  failOn: 'error',
  ...over
})

const ctx = (eventName: string, payload: EventPayload = {}): EventContext => ({
  eventName,
  payload,
  owner: 'octo',
  repo: 'specs',
  sha: 'f'.repeat(40)
})

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

const API = 'https://api.github.test/api/v3'

/**
 * A plain object with the Octokit surface changed-files calls: `request`,
 * answering pulls/N/files like GitHub (pages of per_page, a Link to the next
 * page on the API's origin) and the compare endpoint.
 */
function mockApi(opts: { pullFiles?: Entry[]; compare?: Record<string, Entry[]>; compareError?: { status: number; message: string } }) {
  const calls: { method: string; params: Record<string, unknown> }[] = []
  const request = async (route: string, params: Record<string, unknown> = {}) => {
    const target = route.slice(route.indexOf(' ') + 1)
    if (target.includes('/compare/')) {
      calls.push({ method: 'compare', params })
      if (opts.compareError) throw Object.assign(new Error(opts.compareError.message), { status: opts.compareError.status })
      const files = opts.compare?.[String(params.basehead)]
      if (!files) throw Object.assign(new Error('Not Found'), { status: 404 })
      return { data: { files }, headers: {} }
    }
    const u = new URL(target)
    const per = Number(u.searchParams.get('per_page') ?? 30)
    const page = Number(u.searchParams.get('page') ?? 1)
    calls.push({ method: 'listFiles', params: { path: u.pathname, per_page: per, page } })
    const all = opts.pullFiles ?? []
    const link = page * per < all.length ? `<${u.origin}${u.pathname}?per_page=${per}&page=${page + 1}>; rel="next"` : undefined
    return { data: all.slice((page - 1) * per, page * per), headers: link ? { link } : {} }
  }
  const api = { apiBaseUrl: API, request } as unknown as ChangedFilesApi
  return { api, calls }
}

const noGit: GitRunner = async () => {
  throw new Error('git must not be called')
}

describe('pull_request', () => {
  const prPayload = (changed = 5): EventPayload => ({
    pull_request: { number: 7, changed_files: changed, base: { sha: BASE }, head: { sha: HEAD } }
  })

  it('lists every page (per_page 100), skips removed and non-spec files, renamed under the new name', async () => {
    const filler: Entry[] = Array.from({ length: 180 }, (_, i) => ({ filename: `src/file${i}.py`, status: 'modified' }))
    const { api, calls } = mockApi({
      pullFiles: [
        ...filler,
        { filename: 'specs/b.rst', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
        { filename: 'specs/gone.rst', status: 'removed' },
        { filename: 'specs/new-name.rst', previous_filename: 'specs/old-name.rst', status: 'renamed' },
        { filename: 'specs/a.rst', status: 'added' },
        { filename: 'specs/template.rst', status: 'modified' },
        { filename: 'docs/readme.rst', status: 'modified' },
        { filename: 'specs/notes.txt', status: 'added' }
      ]
    })
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('pull_request', prPayload(187)), settings(), { api, git: noGit, warning: m => warnings.push(m) })
    expect(res.mode).toBe('changed')
    expect(res.files).toEqual(['specs/a.rst', 'specs/b.rst', 'specs/new-name.rst'])
    expect(res.patches.get('specs/b.rst')).toBe('@@ -1 +1 @@\n-a\n+b')
    expect(res.patches.has('specs/a.rst')).toBe(true)
    expect(res.patches.get('specs/a.rst')).toBeUndefined()
    expect(res.patches.has('specs/gone.rst')).toBe(false)
    const pages = calls.filter(c => c.method === 'listFiles')
    expect(pages).toHaveLength(2)
    expect(pages.map(p => p.params)).toEqual([
      { path: '/api/v3/repos/octo/specs/pulls/7/files', per_page: 100, page: 1 },
      { path: '/api/v3/repos/octo/specs/pulls/7/files', per_page: 100, page: 2 }
    ])
    expect(warnings).toEqual([])
  })

  it('pull_request_target behaves the same and honours exclude', async () => {
    const { api } = mockApi({
      pullFiles: [
        { filename: 'specs/a.rst', status: 'modified' },
        { filename: 'specs/archive/old.rst', status: 'modified' }
      ]
    })
    const res = await getChangedFiles(ctx('pull_request_target', prPayload()), settings({ exclude: ['specs/archive/**'] }), { api })
    expect(res.files).toEqual(['specs/a.rst'])
  })

  it('no spec changed -> changed mode with no files', async () => {
    const { api } = mockApi({ pullFiles: [{ filename: 'README.md', status: 'modified' }] })
    const res = await getChangedFiles(ctx('pull_request', prPayload()), settings(), { api })
    expect(res).toMatchObject({ mode: 'changed', files: [] })
  })

  it('>= 3000 files reported: warns and uses git diff base...head', async () => {
    const { api, calls } = mockApi({ pullFiles: [] })
    const gitCalls: string[][] = []
    const git: GitRunner = async args => {
      gitCalls.push(args)
      if (args.includes('diff')) return 'M\0specs/a.rst\0D\0specs/gone.rst\0R087\0specs/old.rst\0specs/new.rst\0A\0lib/x.py\0'
      return ''
    }
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('pull_request', prPayload(3500)), settings(), { api, git, warning: m => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/3500 files.*at most 3000/)
    expect(calls).toEqual([]) // the API is not asked
    expect(res.mode).toBe('changed')
    expect(res.files).toEqual(['specs/a.rst', 'specs/new.rst'])
    const diff = gitCalls.find(a => a.includes('diff'))!
    expect(diff).toEqual(expect.arrayContaining(['--name-status', '-z', `${BASE}...${HEAD}`]))
    expect(gitCalls.filter(a => a.includes('cat-file'))).toHaveLength(2)
  })

  it('>= 3000 files listed by the API also falls back to git', async () => {
    const many: Entry[] = Array.from({ length: 3000 }, (_, i) => ({ filename: `f${i}.txt`, status: 'added' }))
    const { api } = mockApi({ pullFiles: many })
    const git: GitRunner = async args => (args.includes('diff') ? 'A\0specs/z.rst\0' : '')
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('pull_request', prPayload(10)), settings(), { api, git, warning: m => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(res.files).toEqual(['specs/z.rst'])
  })

  it('>= 3000 files and the commits are not in the workspace: scope all with a notice', async () => {
    const { api } = mockApi({})
    const git: GitRunner = async () => {
      throw new Error('fatal: Not a valid object name')
    }
    const res = await getChangedFiles(ctx('pull_request', prPayload(3000)), settings(), { api, git, warning: () => {} })
    expect(res.mode).toBe('all')
    expect(res.notices.join('\n')).toMatch(/fetch-depth: 0/)
  })

  it('without a token: git diff when possible', async () => {
    const git: GitRunner = async args => (args.includes('diff') ? 'M\0specs/a.rst\0' : '')
    const res = await getChangedFiles(ctx('pull_request', prPayload()), settings(), { git })
    expect(res).toMatchObject({ mode: 'changed', files: ['specs/a.rst'] })
  })

  it('without a token and without both commits in the checkout: a ConfigError saying to pass github-token or use scope: all', async () => {
    const git: GitRunner = async () => {
      throw new Error('not a git repository')
    }
    const err = await getChangedFiles(ctx('pull_request', prPayload()), settings(), { git }).catch(e => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toMatch(/no github-token.*pass github-token.*or set scope: all/)
    expect(err.message).not.toContain('\n')
  })

  it('names that are not plain workspace-relative paths are kept (to be refused), whatever the globs', async () => {
    const { api } = mockApi({
      pullFiles: [
        { filename: 'specs/../../etc/passwd', status: 'added' },
        { filename: '/etc/passwd', status: 'modified' },
        { filename: 'specs/./a.rst', status: 'modified' },
        { filename: 'specs/ok.rst', status: 'modified' },
        { filename: 'lib/x.py', status: 'modified' },
        { filename: '../gone.rst', status: 'removed' }
      ]
    })
    const res = await getChangedFiles(ctx('pull_request', prPayload()), settings(), { api, git: noGit })
    expect(res.files).toEqual(['/etc/passwd', 'specs/../../etc/passwd', 'specs/./a.rst', 'specs/ok.rst'])
  })

  it('API errors propagate', async () => {
    const api = {
      apiBaseUrl: API,
      request: async () => {
        throw Object.assign(new Error('Bad credentials'), { status: 401 })
      }
    } as unknown as ChangedFilesApi
    const git: GitRunner = async () => {
      throw new Error('not a git repository')
    }
    await expect(getChangedFiles(ctx('pull_request', prPayload()), settings(), { api, git })).rejects.toMatchObject({ status: 401 })
  })
})

describe('push', () => {
  it('compares before...after with one request', async () => {
    const { api, calls } = mockApi({
      compare: {
        [`${BASE}...${HEAD}`]: [
          { filename: 'specs/a.rst', status: 'modified', patch: '@@' },
          { filename: 'specs/b.rst', status: 'removed' },
          { filename: 'specs/c.rst', previous_filename: 'specs/old.rst', status: 'renamed' },
          { filename: 'README.md', status: 'modified' }
        ]
      }
    })
    const res = await getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api, git: noGit })
    expect(res).toMatchObject({ mode: 'changed', files: ['specs/a.rst', 'specs/c.rst'], notices: [] })
    expect(res.patches.get('specs/a.rst')).toBe('@@')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.params).toMatchObject({ owner: 'octo', repo: 'specs', basehead: `${BASE}...${HEAD}` })
  })

  it('new branch (before = zeros): all, with a notice, no API call', async () => {
    const { api, calls } = mockApi({})
    const res = await getChangedFiles(ctx('push', { before: '0'.repeat(40), after: HEAD, created: true }), settings(), { api })
    expect(res.mode).toBe('all')
    expect(res.notices[0]).toMatch(/new branch/i)
    expect(calls).toEqual([])
  })

  it('compare 404 (force push, unknown commit): all, with a notice', async () => {
    const { api } = mockApi({ compare: {} })
    const res = await getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api })
    expect(res.mode).toBe('all')
    expect(res.notices[0]).toMatch(/cannot compare/)
  })

  it('other compare errors propagate', async () => {
    const { api } = mockApi({ compareError: { status: 500, message: 'boom' } })
    const git: GitRunner = async () => {
      throw new Error('not a git repository')
    }
    await expect(getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api, git })).rejects.toMatchObject({ status: 500 })
  })

  it('300 files (the compare limit): warns and uses git diff', async () => {
    const many: Entry[] = Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}.txt`, status: 'added' }))
    const { api } = mockApi({ compare: { [`${BASE}...${HEAD}`]: many } })
    const git: GitRunner = async args => (args.includes('diff') ? 'A\0specs/q.rst\0' : '')
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api, git, warning: m => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(res.files).toEqual(['specs/q.rst'])
  })

  it('deleted branch: nothing to check', async () => {
    const { api, calls } = mockApi({})
    const res = await getChangedFiles(ctx('push', { before: BASE, after: '0'.repeat(40), deleted: true }), settings(), { api })
    expect(res).toMatchObject({ mode: 'changed', files: [] })
    expect(calls).toEqual([])
  })
})

describe('merge_group', () => {
  it('compares base_sha...head_sha', async () => {
    const { api, calls } = mockApi({ compare: { [`${BASE}...${HEAD}`]: [{ filename: 'specs/m.rst', status: 'added' }] } })
    const res = await getChangedFiles(ctx('merge_group', { merge_group: { base_sha: BASE, head_sha: HEAD } }), settings(), { api })
    expect(res).toMatchObject({ mode: 'changed', files: ['specs/m.rst'] })
    expect(calls[0]!.params).toMatchObject({ basehead: `${BASE}...${HEAD}` })
  })
})

describe('other events', () => {
  it.each(['workflow_dispatch', 'schedule'])('%s: all without a notice', async name => {
    const { api, calls } = mockApi({})
    const res = await getChangedFiles(ctx(name), settings(), { api })
    expect(res).toMatchObject({ mode: 'all', files: [], notices: [] })
    expect(calls).toEqual([])
  })

  it('unknown events: all with a notice', async () => {
    const res = await getChangedFiles(ctx('release'), settings(), {})
    expect(res.mode).toBe('all')
    expect(res.notices[0]).toMatch(/release/)
  })
})

describe('parseNameStatus', () => {
  it('parses -z output with renames and copies', () => {
    expect(parseNameStatus('M\0a\0R100\0b\0c\0C75\0d\0e\0D\0f\0T\0g\0')).toEqual([
      { filename: 'a', status: 'modified' },
      { filename: 'c', status: 'renamed' },
      { filename: 'e', status: 'copied' },
      { filename: 'f', status: 'removed' },
      { filename: 'g', status: 'modified' }
    ])
    expect(parseNameStatus('')).toEqual([])
  })
})

describe('git fallback against a real repository', () => {
  let dir: string
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' }
    }).trim()

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stc-git-'))
    git('init', '-q')
    mkdirSync(path.join(dir, 'specs'))
    writeFileSync(path.join(dir, 'specs/keep.rst'), 'a\n')
    writeFileSync(path.join(dir, 'specs/old.rst'), 'old\n')
    writeFileSync(path.join(dir, 'specs/drop.rst'), 'x\n')
    git('add', '.')
    git('commit', '-q', '-m', 'base')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes the changed specs from git diff base...head', async () => {
    const base = git('rev-parse', 'HEAD')
    writeFileSync(path.join(dir, 'specs/keep.rst'), 'b\n')
    writeFileSync(path.join(dir, 'specs/new spec.rst'), 'n\n')
    git('mv', 'specs/old.rst', 'specs/renamed.rst')
    git('rm', '-q', 'specs/drop.rst')
    git('add', '.')
    git('commit', '-q', '-m', 'head')
    const head = git('rev-parse', 'HEAD')
    const warnings: string[] = []
    const res = await getChangedFiles(
      ctx('pull_request', { pull_request: { number: 1, changed_files: 4000, base: { sha: base }, head: { sha: head } } }),
      settings({ workspace: dir }),
      { warning: m => warnings.push(m) }
    )
    expect(warnings).toHaveLength(1)
    expect(res.mode).toBe('changed')
    expect(res.files).toEqual(['specs/keep.rst', 'specs/new spec.rst', 'specs/renamed.rst'])
  })

  it('a commit that is not there: scope all', async () => {
    const res = await getChangedFiles(
      ctx('pull_request', { pull_request: { number: 1, changed_files: 4000, base: { sha: 'c'.repeat(40) }, head: { sha: 'd'.repeat(40) } } }),
      settings({ workspace: dir }),
      { warning: () => {} }
    )
    expect(res.mode).toBe('all')
  })
})

describe('fail closed on answers that are not a well-formed success', () => {
  const pr = (changed = 1): EventPayload => ({
    pull_request: { number: 7, changed_files: changed, base: { sha: BASE }, head: { sha: HEAD } }
  })
  /** An API whose every answer is `answer` (data and headers), recording the URLs asked. */
  const answering = (answer: (url: string) => { data: unknown; headers?: Record<string, string> }) => {
    const urls: string[] = []
    const api = {
      apiBaseUrl: API,
      request: async (route: string) => {
        const url = route.slice(route.indexOf(' ') + 1)
        urls.push(url)
        const a = answer(url)
        return { data: a.data, headers: a.headers ?? {} }
      }
    } as unknown as ChangedFilesApi
    return { api, urls }
  }
  const noHistory: GitRunner = async () => {
    throw new Error('fatal: not a git repository')
  }

  it.each([
    ['an empty body', ''],
    ['null', null],
    ['an empty object', {}],
    ['text', '[{"filename": "specs/a.rst", "sta'],
    ['an entry without a filename', [{ status: 'added' }]],
    ['an entry without a status', [{ filename: 'specs/a.rst' }]],
    ['an entry that is not an object', ['specs/a.rst']],
    ['a patch that is not text', [{ filename: 'specs/a.rst', status: 'added', patch: 7 }]]
  ])('pulls/N/files answering %s: an error naming the page, never "no spec changed"', async (_, data) => {
    const { api } = answering(() => ({ data }))
    const err = await getChangedFiles(ctx('pull_request', pr()), settings(), { api, git: noHistory }).catch(e => e)
    expect(err).toBeInstanceOf(ApiShapeError)
    expect(err.message).toMatch(/^page 1 of the files of pull request #7/)
  })

  it('an empty list for a pull request whose event says it changes files: an error', async () => {
    const { api } = answering(() => ({ data: [] }))
    const err = await getChangedFiles(ctx('pull_request', pr(3)), settings(), { api, git: noHistory }).catch(e => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toMatch(/lists no changed files for pull request #7, whose event says it changes 3; not taken as "no spec changed"/)
  })

  it('an empty list when the checkout has both commits: git diff, said in a warning', async () => {
    const { api } = answering(() => ({ data: [] }))
    const git: GitRunner = async args => (args.includes('diff') ? 'M\0specs/a.rst\0' : '')
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('pull_request', pr(3)), settings(), { api, git, warning: m => warnings.push(m) })
    expect(res).toMatchObject({ mode: 'changed', files: ['specs/a.rst'] })
    expect(warnings.join('\n')).toMatch(/through the GitHub API failed .*taken from git diff aaaaaaa\.\.\.bbbbbbb in the checkout instead/)
  })

  it('a failing API with both commits in the checkout: git diff, said in a warning', async () => {
    const api = {
      apiBaseUrl: API,
      request: async () => {
        throw Object.assign(new Error('Server Error'), { status: 502 })
      }
    } as unknown as ChangedFilesApi
    const git: GitRunner = async args => (args.includes('diff') ? 'A\0specs/b.rst\0' : '')
    const warnings: string[] = []
    const res = await getChangedFiles(ctx('pull_request', pr()), settings(), { api, git, warning: m => warnings.push(m) })
    expect(res.files).toEqual(['specs/b.rst'])
    expect(warnings[0]).toMatch(/^listing the files of pull request #7 through the GitHub API failed \(HTTP 502: Server Error\)/)
  })

  it('a next link to another origin is not followed (the token stays home)', async () => {
    const { api, urls } = answering(() => ({ data: [], headers: { link: '<https://evil.test/api/v3/repos/octo/specs/pulls/7/files?page=2>; rel="next"' } }))
    const err = await getChangedFiles(ctx('pull_request', pr()), settings(), { api, git: noHistory }).catch(e => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toMatch(/leads to https:\/\/evil\.test.*outside the GitHub API.*not followed/)
    expect(urls).toHaveLength(1)
  })

  it('finds rel="next" among the other links, and none on the last page', () => {
    const link = (page: number, rel: string) => `<${API}/repos/octo/specs/pulls/7/files?per_page=100&page=${page}>; rel="${rel}"`
    expect(nextPageUrl(`${link(1, 'prev')}, ${link(3, 'next')}, ${link(30, 'last')}`, API, new Set())).toBe(
      `${API}/repos/octo/specs/pulls/7/files?per_page=100&page=3`
    )
    expect(nextPageUrl(`${link(1, 'first')}, ${link(29, 'prev')}`, API, new Set())).toBeUndefined()
    expect(nextPageUrl(undefined, API, new Set())).toBeUndefined()
  })

  it('a next link outside the API path on the same host is not followed', () => {
    expect(() => nextPageUrl('<https://api.github.test/other/x>; rel="next"', API, new Set())).toThrow(/outside the GitHub API/)
  })

  it('a next link back to a page already read is an error, not a loop', async () => {
    const { api, urls } = answering(url => ({
      data: [{ filename: 'specs/a.rst', status: 'added' }],
      headers: { link: `<${url.includes('page=2') ? API + '/repos/octo/specs/pulls/7/files?per_page=100' : API + '/repos/octo/specs/pulls/7/files?per_page=100&page=2'}>; rel="next"` }
    }))
    const err = await getChangedFiles(ctx('pull_request', pr()), settings(), { api, git: noHistory }).catch(e => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toMatch(/already read .*the pages loop/)
    expect(urls).toHaveLength(2)
  })

  it(`pages beyond ${MAX_PULL_FILE_PAGES} are not followed`, async () => {
    let n = 0
    const { api, urls } = answering(() => ({
      data: [{ filename: `x${n}.txt`, status: 'added' }],
      headers: { link: `<${API}/repos/octo/specs/pulls/7/files?per_page=100&page=${++n + 1}>; rel="next"` }
    }))
    const err = await getChangedFiles(ctx('pull_request', pr()), settings(), { api, git: noHistory }).catch(e => e)
    expect(err.message).toMatch(/go on past 40 pages/)
    expect(urls).toHaveLength(MAX_PULL_FILE_PAGES)
  })

  it.each([
    ['null', null],
    ['an empty object (no files)', {}],
    ['files that is not a list', { files: 'specs/a.rst' }],
    ['a list instead of a comparison', [{ filename: 'specs/a.rst', status: 'added' }]]
  ])('compare answering %s: an error, never "no spec changed"', async (_, data) => {
    const { api } = answering(() => ({ data }))
    const err = await getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api, git: noHistory }).catch(e => e)
    expect(err).toBeInstanceOf(ApiShapeError)
  })
})
