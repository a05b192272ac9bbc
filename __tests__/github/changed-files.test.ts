import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError, type Settings } from '../../src/config.js'
import {
  getChangedFiles,
  parseNameStatus,
  type ChangedFilesApi,
  type GitRunner
} from '../../src/github/changed-files.js'
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

/** A plain object with the Octokit methods changed-files calls. */
function mockApi(opts: { pullFiles?: Entry[]; compare?: Record<string, Entry[]>; compareError?: { status: number; message: string } }) {
  const calls: { method: string; params: Record<string, unknown> }[] = []
  const listFiles = async (params: Record<string, unknown>) => {
    calls.push({ method: 'listFiles', params })
    const per = Number(params.per_page ?? 30)
    const page = Number(params.page ?? 1)
    return { data: (opts.pullFiles ?? []).slice((page - 1) * per, page * per) }
  }
  const compareCommitsWithBasehead = async (params: Record<string, unknown>) => {
    calls.push({ method: 'compare', params })
    if (opts.compareError) {
      throw Object.assign(new Error(opts.compareError.message), { status: opts.compareError.status })
    }
    const files = opts.compare?.[String(params.basehead)]
    if (!files) throw Object.assign(new Error('Not Found'), { status: 404 })
    return { data: { files } }
  }
  const paginate = {
    // Like Octokit's paginate.iterator: call the route page by page until a short page.
    iterator: (route: (p: Record<string, unknown>) => Promise<{ data: unknown[] }>, params: Record<string, unknown>) =>
      (async function* () {
        for (let page = 1; ; page++) {
          const res = await route({ ...params, page })
          yield res
          if (res.data.length < Number(params.per_page ?? 30)) return
        }
      })()
  }
  const api = { paginate, rest: { pulls: { listFiles }, repos: { compareCommitsWithBasehead } } } as unknown as ChangedFilesApi
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
    expect(pages[0]!.params).toMatchObject({ owner: 'octo', repo: 'specs', pull_number: 7, per_page: 100 })
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
      paginate: {
        iterator: () =>
          (async function* () {
            throw Object.assign(new Error('Bad credentials'), { status: 401 })
          })()
      },
      rest: { pulls: { listFiles: async () => ({ data: [] }) }, repos: { compareCommitsWithBasehead: async () => ({ data: {} }) } }
    } as unknown as ChangedFilesApi
    await expect(getChangedFiles(ctx('pull_request', prPayload()), settings(), { api })).rejects.toMatchObject({ status: 401 })
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
    await expect(getChangedFiles(ctx('push', { before: BASE, after: HEAD }), settings(), { api })).rejects.toMatchObject({ status: 500 })
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
