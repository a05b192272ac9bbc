/**
 * A local stand-in for the GitHub REST API (node:http on 127.0.0.1, random
 * port) for the action's end-to-end and client tests. It answers the
 * endpoints the action uses, the way GitHub does, and records every request:
 *
 *   GET   /repos/:owner/:repo/pulls/:number/files   (per_page, page, Link header)
 *   GET   /repos/:owner/:repo/compare/:basehead     (files on page 1 only, 404 when unknown)
 *   GET   /repos/:owner/:repo/contents/:path?ref=   (raw media type: the bytes as text/plain like
 *                                                    GitHub; else JSON with base64; a directory is a
 *                                                    JSON array; unknown ref or path: 404)
 *   GET   /repos/:owner/:repo/git/commits/:sha      (200 for a commit in `contents`, else 404)
 *   POST  /repos/:owner/:repo/check-runs             (201, or `checkRunCreateStatus`, e.g. 403 for forks)
 *   PATCH /repos/:owner/:repo/check-runs/:id
 *
 * Anything else is a 404. `failures` injects faults for the next matching
 * requests: an error status (5xx, rate limits), a 200 with any raw body
 * (empty, `null`, wrong shape, cut-off JSON), or a broken connection
 * (`fault`: never answer, a body that never ends, a reset in the middle of
 * the body).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkRequest, load as loadOpenApi } from './openapi.js'

export interface DiffEntry {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  previous_filename?: string
  patch?: string
  additions?: number
  deletions?: number
  changes?: number
}

export interface InjectedFailure {
  method: string
  /** Matched against the request path (without query). */
  path: RegExp
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** Sent as is instead of `body` as JSON (e.g. '' or '[{"filen'). */
  rawBody?: string
  /** 'hang': never answer; 'endless': headers, then body bytes forever; 'reset': half the body, then a reset. */
  fault?: 'hang' | 'endless' | 'reset'
  /** How many matching requests fail (default 1). */
  times?: number
}

export interface MockGitHubOptions {
  /** Files per pull request number. */
  pullFiles?: Record<number, DiffEntry[]>
  /** Comparisons by "base...head"; an unknown basehead is a 404 like GitHub's. */
  compare?: Record<string, DiffEntry[]>
  /** Status for POST check-runs (e.g. 403 as for a fork pull request's read-only token). */
  checkRunCreateStatus?: number
  failures?: InjectedFailure[]
  /** Repository files per commit sha (path -> text or bytes), for the contents and git commits endpoints. */
  contents?: Record<string, Record<string, string | Uint8Array>>
  /** Check every request against GitHub's OpenAPI description (default true; a no-op without @octokit/openapi). */
  openapi?: boolean
  /** Status for POST pulls/N/reviews (e.g. 403 for a token without pull-requests: write). */
  reviewCreateStatus?: number
}

export interface ReviewComment {
  id: number
  path: string
  body: string
  line: number
  side?: string
  start_line?: number
  start_side?: string
}

export interface Review {
  id: number
  pull: number
  commit_id: string
  event: string
  body: string
  comments: ReviewComment[]
}

export interface RecordedRequest {
  method: string
  /** Path without the query string, percent-decoded. */
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

export interface CheckRun {
  id: number
  created: Record<string, unknown>
  updates: Record<string, unknown>[]
  /** Every annotation sent, create and updates, in order. */
  annotations: Record<string, unknown>[]
  /** output.summary as GitHub shows it: the last one sent (each request replaces it). */
  summary: string
}

export interface MockGitHub {
  url: string
  requests: RecordedRequest[]
  checkRuns: CheckRun[]
  /** Pull request reviews, as GitHub keeps them (comments deleted through the API are gone). */
  reviews: Review[]
  /** Why requests were not valid against the OpenAPI description (each answered 400). */
  invalid: string[]
  options: MockGitHubOptions
  /** Requests matching method and a path regexp. */
  find(method: string, path: RegExp): RecordedRequest[]
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    ...headers
  })
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function withDefaults(e: DiffEntry, i: number): Record<string, unknown> {
  return {
    sha: (i + 1).toString(16).padStart(40, '0'),
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `https://github.test/blob/${e.filename}`,
    raw_url: `https://github.test/raw/${e.filename}`,
    contents_url: `https://github.test/contents/${e.filename}`,
    ...e
  }
}

export async function startMockGitHub(options: MockGitHubOptions = {}): Promise<MockGitHub> {
  const requests: RecordedRequest[] = []
  const checkRuns: CheckRun[] = []
  const reviews: Review[] = []
  const invalid: string[] = []
  if (options.openapi !== false) loadOpenApi()
  const failures = (options.failures ?? []).map(f => ({ ...f, left: f.times ?? 1 }))
  let nextId = 1000

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(err => send(res, 500, { message: String(err) }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = decodeURIComponent(u.pathname)
    const method = req.method ?? 'GET'
    const body = await readBody(req)
    const query: Record<string, string> = {}
    for (const [k, v] of u.searchParams) query[k] = v
    requests.push({ method, path, query, headers: req.headers, body })
    const base = `http://${req.headers.host}`

    const problems = options.openapi === false ? [] : checkRequest(method, u.pathname, query, body)
    if (problems.length) {
      invalid.push(...problems)
      return send(res, 400, { message: `not valid against GitHub's OpenAPI description: ${problems.join('; ')}` })
    }

    const failure = failures.find(f => f.left > 0 && f.method === method && f.path.test(path))
    if (failure) {
      failure.left--
      if (failure.fault === 'hang') return // keep the socket open, say nothing
      const text = failure.rawBody ?? JSON.stringify(failure.body ?? { message: `injected ${failure.status}` })
      if (failure.fault === 'endless') {
        res.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers })
        res.write('[')
        const timer = setInterval(() => {
          if (res.destroyed) clearInterval(timer)
          else res.write(' '.repeat(1024))
        }, 5)
        res.on('close', () => clearInterval(timer))
        return
      }
      if (failure.fault === 'reset') {
        res.writeHead(failure.status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(text)),
          ...failure.headers
        })
        res.write(text.slice(0, Math.floor(text.length / 2)))
        setTimeout(() => res.socket?.resetAndDestroy(), 5)
        return
      }
      if (failure.rawBody !== undefined) {
        res.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers })
        res.end(failure.rawBody)
        return
      }
      send(res, failure.status, failure.body ?? { message: `injected ${failure.status}` }, failure.headers)
      return
    }

    let m: RegExpExecArray | null
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(path))) {
      const all = options.pullFiles?.[Number(m[3])]
      if (!all) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30))
      const page = Math.max(1, Number(query.page ?? 1) || 1)
      const capped = all.slice(0, 3000)
      const pages = Math.max(1, Math.ceil(capped.length / perPage))
      const data = capped.slice((page - 1) * perPage, page * perPage).map((e, i) => withDefaults(e, (page - 1) * perPage + i))
      const link = (p: number): string => `${base}${u.pathname}?per_page=${perPage}&page=${p}`
      const links: string[] = []
      if (page < pages) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`)
      if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
      return send(res, 200, data, links.length ? { link: links.join(', ') } : {})
    }

    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(path))) {
      const basehead = m[3]!
      const files = options.compare?.[basehead]
      if (!files) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits' })
      const page = Math.max(1, Number(query.page ?? 1) || 1)
      const [baseSha, headSha] = basehead.split('...')
      return send(res, 200, {
        url: `${base}${u.pathname}`,
        html_url: `https://github.test/compare/${basehead}`,
        status: 'ahead',
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        base_commit: { sha: baseSha },
        merge_base_commit: { sha: baseSha },
        commits: page === 1 ? [{ sha: headSha, commit: { message: 'change' } }] : [],
        // Like GitHub: with pagination the files are only on the first page.
        files: page === 1 ? files.slice(0, 300).map(withDefaults) : []
      })
    }

    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/git\/commits\/([^/]+)$/.exec(path))) {
      const sha = m[3]!
      if (!options.contents?.[sha]) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/commits#get-a-commit-object', status: '404' })
      return send(res, 200, { sha, url: `${base}${u.pathname}`, message: 'commit', tree: { sha: 'f'.repeat(40) }, parents: [] })
    }

    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path))) {
      const file = m[3]!
      const ref = query.ref ?? 'HEAD'
      const tree = options.contents?.[ref]
      if (!tree) return send(res, 404, { message: `No commit found for the ref ${ref}`, documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' })
      const content = tree[file]
      const accept = String(req.headers.accept ?? '')
      if (content === undefined) {
        const children = Object.keys(tree).filter(p => p.startsWith(file + '/'))
        if (children.length === 0) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' })
        const names = [...new Set(children.map(p => p.slice(file.length + 1).split('/')[0]!))]
        return send(res, 200, names.map(n => ({ type: Object.keys(tree).includes(`${file}/${n}`) ? 'file' : 'dir', name: n, path: `${file}/${n}` })))
      }
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
      if (/\.raw\b/.test(accept)) {
        res.writeHead(200, {
          'content-type': 'text/plain; charset=utf-8',
          'x-github-media-type': 'github.v3; param=raw',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
        })
        res.end(bytes)
        return
      }
      return send(res, 200, { type: 'file', encoding: 'base64', size: bytes.length, name: file.split('/').pop(), path: file, content: bytes.toString('base64') })
    }

    if (method === 'POST' && /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.test(path)) {
      const status = options.checkRunCreateStatus ?? 201
      if (status !== 201) {
        return send(res, status, {
          message: status === 403 ? 'Resource not accessible by integration' : 'Not Found',
          documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
          status: String(status)
        })
      }
      const b = (body ?? {}) as Record<string, unknown>
      const output = (b.output ?? {}) as Record<string, unknown>
      const run: CheckRun = {
        id: nextId++,
        created: b,
        updates: [],
        annotations: [...((output.annotations as Record<string, unknown>[] | undefined) ?? [])],
        summary: String(output.summary ?? '')
      }
      checkRuns.push(run)
      return send(res, 201, {
        id: run.id,
        head_sha: b.head_sha,
        name: b.name,
        status: b.status,
        conclusion: b.conclusion,
        html_url: `https://github.test/runs/${run.id}`,
        output: { title: output.title, summary: output.summary, annotations_count: run.annotations.length }
      })
    }

    if (method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path))) {
      const run = checkRuns.find(r => r.id === Number(m![3]))
      if (!run) return send(res, 404, { message: 'Not Found' })
      const b = (body ?? {}) as Record<string, unknown>
      run.updates.push(b)
      const output = (b.output ?? {}) as Record<string, unknown>
      run.annotations.push(...((output.annotations as Record<string, unknown>[] | undefined) ?? []))
      if (output.summary !== undefined) run.summary = String(output.summary)
      return send(res, 200, { id: run.id, html_url: `https://github.test/runs/${run.id}` })
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/.exec(path))) {
      const pull = Number(m[3])
      if (method === 'GET') {
        const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30))
        const page = Math.max(1, Number(query.page ?? 1) || 1)
        const mine = reviews.filter(r => r.pull === pull)
        return send(res, 200, mine.slice((page - 1) * perPage, page * perPage).map(reviewJson))
      }
      if (method === 'POST') {
        const status = options.reviewCreateStatus ?? 200
        if (status !== 200) {
          return send(res, status, { message: status === 403 ? 'Resource not accessible by integration' : 'Not Found', status: String(status) })
        }
        const b = (body ?? {}) as Record<string, unknown>
        const diff = diffOf(pull)
        const comments: ReviewComment[] = []
        for (const c of (b.comments as Record<string, unknown>[] | undefined) ?? []) {
          const file = String(c.path)
          const line = Number(c.line)
          const start = c.start_line === undefined ? line : Number(c.start_line)
          const lines = diff.get(file)
          // Like GitHub: every commented line must be in one hunk of the diff.
          const hunk = lines?.find(h => h.has(line))
          let ok = !!hunk && Number.isInteger(start) && start <= line
          for (let l = start; ok && l <= line; l++) ok = hunk!.has(l)
          if (!ok) {
            return send(res, 422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], status: '422' })
          }
          comments.push({ id: nextId++, path: file, body: String(c.body), line, side: c.side as string | undefined, start_line: c.start_line as number | undefined, start_side: c.start_side as string | undefined })
        }
        const review: Review = { id: nextId++, pull, commit_id: String(b.commit_id), event: String(b.event), body: String(b.body ?? ''), comments }
        reviews.push(review)
        return send(res, 200, reviewJson(review))
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews\/(\d+)(\/comments)?$/.exec(path))) {
      const review = reviews.find(r => r.pull === Number(m![3]) && r.id === Number(m![4]))
      if (!review) return send(res, 404, { message: 'Not Found' })
      if (method === 'GET' && m[5]) return send(res, 200, review.comments.map(c => ({ ...c, pull_request_review_id: review.id, commit_id: review.commit_id })))
      if (method === 'PUT' && !m[5]) {
        review.body = String(((body ?? {}) as Record<string, unknown>).body ?? '')
        return send(res, 200, reviewJson(review))
      }
    }
    if (method === 'DELETE' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/.exec(path))) {
      const id = Number(m[3])
      const review = reviews.find(r => r.comments.some(c => c.id === id))
      if (!review) return send(res, 404, { message: 'Not Found' })
      review.comments = review.comments.filter(c => c.id !== id)
      res.writeHead(204)
      res.end()
      return
    }

    send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }

  function reviewJson(r: Review): Record<string, unknown> {
    return { id: r.id, node_id: `PRR_${r.id}`, user: { login: 'github-actions[bot]', type: 'Bot' }, body: r.body, state: 'COMMENTED', commit_id: r.commit_id, html_url: `https://github.test/pull/${r.pull}#pullrequestreview-${r.id}` }
  }

  /** New-side lines of each hunk of each file of a pull request (added and context lines). */
  function diffOf(pull: number): Map<string, Set<number>[]> {
    const out = new Map<string, Set<number>[]>()
    for (const e of options.pullFiles?.[pull] ?? []) {
      const hunks: Set<number>[] = []
      let next = 0
      for (const line of (e.patch ?? '').split('\n')) {
        const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
        if (h) {
          next = Number(h[1])
          hunks.push(new Set())
        } else if (next && (line.startsWith('+') || line.startsWith(' '))) hunks[hunks.length - 1]!.add(next++)
      }
      out.set(e.filename, hunks)
    }
    return out
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    checkRuns,
    reviews,
    invalid,
    options,
    find: (method, path) => requests.filter(r => r.method === method && path.test(r.path)),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
