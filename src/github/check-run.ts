/**
 * Results as a check run: one completed check run `spec-template-check` on
 * the head commit, with every finding as an annotation. The Checks API takes
 * at most 50 annotations per request, so the run is created with the first
 * 50 and updated with each next 50 (updates append).
 *
 * The requests go one after the other as fast as the API answers (rate
 * limits are honoured by the client). Every request must carry an
 * output.summary, and each replaces the last: the long summary is sent once,
 * with the last request; the ones before carry a one-line placeholder.
 *
 * At most MAX_CHECK_RUN_ANNOTATIONS annotations go to one check run (errors
 * first: 20 writes, well inside the secondary rate limits). The rest are
 * counted in the result; the caller says in the summaries where the full
 * list is.
 *
 * When GitHub refuses (403: fork pull requests and read-only tokens; 404),
 * the result says so and the caller falls back to workflow commands.
 */
import { conclusionFor, type FailOn } from '../config/policy.js'
import type { Finding, Report, Severity } from '../engine/types.js'
import { cutUtf8 as cut } from '../report/bytes.js'
import { FILE_ERROR_RULE } from '../report/util.js'
import { suggestedFix } from '../engine/fix.js'
import { ApiShapeError, describeApiError, describeData, errorStatus, type GitHubClient, type ResponseCheck } from './client.js'

export const CHECK_NAME = 'spec-template-check'
export const ANNOTATIONS_PER_REQUEST = 50
/** Annotations sent to one check run: 20 requests of 50. */
export const MAX_CHECK_RUN_ANNOTATIONS = 1000
/** output.summary / output.text limit of the Checks API, counted here in UTF-8 bytes. */
export const MAX_SUMMARY_BYTES = 65535
/** Annotation title: 255 (counted in UTF-8 bytes, the stricter reading). */
export const MAX_TITLE_BYTES = 255
/** message and raw_details are limited to 64 KB each (UTF-8 bytes; kept well under). */
export const MAX_DETAIL_BYTES = 60000

export type AnnotationLevel = 'notice' | 'warning' | 'failure'
export type Conclusion = 'success' | 'failure' | 'neutral'

export interface Annotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: AnnotationLevel
  title: string
  message: string
  raw_details?: string
}

/** The Octokit surface used here (a plain object in unit tests). */
export interface CheckRunApi {
  rest: {
    checks: {
      create: GitHubClient['rest']['checks']['create']
      update: GitHubClient['rest']['checks']['update']
    }
  }
}

export interface CheckRunOptions {
  owner: string
  repo: string
  headSha: string
  failOn: FailOn
  /** Markdown for output.summary (cut to 65535 characters). */
  summary: string
  name?: string
  /** Start of the run, for started_at (ISO 8601). */
  startedAt?: string
  /** At most this many annotations (default MAX_CHECK_RUN_ANNOTATIONS). */
  maxAnnotations?: number
}

export type CheckRunResult =
  | {
      ok: true
      id: number
      url?: string
      /** Annotations sent. */
      annotations: number
      /** Findings (with file errors) that were not sent because of maxAnnotations. */
      omitted: number
      requests: number
    }
  | {
      ok: false
      /** The HTTP status when GitHub answered (403 / 404 on a fork or read-only token). */
      status?: number
      /** True when GitHub refused to create the run (no permission): a normal situation for forks. */
      refused: boolean
      /** True when the run exists but not every annotation could be added. */
      partial: boolean
      reason: string
    }

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'failure', warning: 'warning', notice: 'notice' }

/**
 * Every finding (and every file that could not be checked) as a check-run
 * annotation, errors first (then by file and line, as the report lists
 * them); the first `max` of them only are made.
 */
export function toAnnotations(report: Report, max = Infinity): Annotation[] {
  const out: Annotation[] = []
  for (const level of LEVELS) {
    for (const file of report.files) {
      if (out.length >= max) return out
      if (file.error && level === 'failure') {
        out.push({
          path: file.file,
          start_line: 1,
          end_line: 1,
          annotation_level: 'failure',
          title: cut(`${CHECK_NAME}: ${FILE_ERROR_RULE}`, MAX_TITLE_BYTES),
          message: cut(file.error, MAX_DETAIL_BYTES)
        })
      }
      for (const f of file.findings) {
        if ((LEVEL[f.severity] ?? 'warning') !== level) continue
        if (out.length >= max) return out
        out.push(annotation(file.file, f))
      }
    }
  }
  return out
}

const LEVELS: readonly AnnotationLevel[] = ['failure', 'warning', 'notice']

/** How many annotations toAnnotations makes with no limit. */
export function annotationCount(report: Report): number {
  let n = 0
  for (const file of report.files) n += (file.error ? 1 : 0) + file.findings.length
  return n
}

function annotation(file: string, f: Finding): Annotation {
  const start = Math.max(1, Math.floor(f.line || 1))
  const end = Math.max(start, Math.floor(f.endLine ?? start))
  const a: Annotation = {
    path: f.file || file,
    start_line: start,
    end_line: end,
    annotation_level: LEVEL[f.severity] ?? 'warning',
    title: cut(`${CHECK_NAME}: ${f.rule}`, MAX_TITLE_BYTES),
    message: cut(f.message || f.rule, MAX_DETAIL_BYTES)
  }
  // Columns are only allowed on single-line annotations.
  if (start === end && f.column !== undefined && f.column >= 1) {
    a.start_column = f.column
    a.end_column = Math.max(f.column, f.endColumn ?? f.column)
  }
  const fix = suggestedFix(f)
  if (fix && fix.text) a.raw_details = cut(fix.text, MAX_DETAIL_BYTES)
  return a
}

// The fail policy is config/policy.ts; re-exported for the callers that know it from here.
/** The check run's one-line title, e.g. "3 errors, 1 warning in 2 of 5 spec files". */
export function checkTitle(report: Report): string {
  const t = report.totals
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`
  if (t.files === 0) return 'No spec files to check'
  const parts: string[] = []
  if (t.errors) parts.push(n(t.errors, 'error'))
  if (t.warnings) parts.push(n(t.warnings, 'warning'))
  if (t.notices) parts.push(n(t.notices, 'notice'))
  // Findings hidden by suppression comments are never a silent "no problems".
  const hidden = t.suppressed ? ` (${n(t.suppressed, 'finding')} suppressed by comments)` : ''
  if (parts.length === 0) return `${n(t.files, 'spec file')} checked: no problems${hidden}`
  const withFindings = report.files.filter(f => f.error || f.findings.length > 0).length
  return `${parts.join(', ')} in ${withFindings} of ${n(t.files, 'spec file')}${hidden}`
}

/** The id of a check run answer (create or update); throws ApiShapeError when there is none. */
export function checkRunId(data: unknown): number {
  const id = (data as { id?: unknown } | null | undefined)?.id
  if (!data || typeof data !== 'object' || Array.isArray(data) || typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new ApiShapeError(`the answer is ${describeData(data)}, not a check run with an id`)
  }
  return id
}

const checkRunCheck: ResponseCheck = res => void checkRunId(res.data)

export async function publishCheckRun(api: CheckRunApi, report: Report, options: CheckRunOptions): Promise<CheckRunResult> {
  const max = Math.max(0, Math.floor(options.maxAnnotations ?? MAX_CHECK_RUN_ANNOTATIONS)) || 0
  const annotations = toAnnotations(report, max)
  const omitted = annotationCount(report) - annotations.length
  const title = checkTitle(report)
  const summary = cut(options.summary, MAX_SUMMARY_BYTES)
  const summaryFor = (batch: number): string =>
    batch === batches.length - 1 || batches.length <= 1
      ? summary
      : `Adding annotations (${Math.min((batch + 1) * ANNOTATIONS_PER_REQUEST, annotations.length)} of ${annotations.length} so far)...`
  const batches: Annotation[][] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  }
  let id: number
  let url: string | undefined
  try {
    const res = await api.rest.checks.create({
      owner: options.owner,
      repo: options.repo,
      name: options.name ?? CHECK_NAME,
      head_sha: options.headSha,
      status: 'completed',
      conclusion: conclusionFor(report, options.failOn),
      ...(options.startedAt ? { started_at: options.startedAt } : {}),
      completed_at: new Date().toISOString(),
      output: { title, summary: summaryFor(0), annotations: batches[0] ?? [] },
      request: { validate: checkRunCheck }
    })
    id = checkRunId(res.data)
    url = typeof res.data.html_url === 'string' ? res.data.html_url : undefined
  } catch (err) {
    const status = errorStatus(err)
    return {
      ok: false,
      status,
      refused: status === 403 || status === 404,
      partial: false,
      reason: `could not create the check run (${describeApiError(err)})`
    }
  }
  let requests = 1
  for (let b = 1; b < batches.length; b++) {
    try {
      const res = await api.rest.checks.update({
        owner: options.owner,
        repo: options.repo,
        check_run_id: id,
        output: { title, summary: summaryFor(b), annotations: batches[b]! },
        request: { validate: checkRunCheck }
      })
      checkRunId(res.data)
      requests++
    } catch (err) {
      // Best effort: the run keeps the real summary, not a placeholder.
      await api.rest.checks
        .update({ owner: options.owner, repo: options.repo, check_run_id: id, output: { title, summary } })
        .catch(() => undefined)
      return {
        ok: false,
        status: errorStatus(err),
        refused: false,
        partial: true,
        reason: `added ${b * ANNOTATIONS_PER_REQUEST} of ${annotations.length} annotations to check run ${id}, then: ${describeApiError(err)}`
      }
    }
  }
  return { ok: true, id, url, annotations: annotations.length, omitted, requests }
}
