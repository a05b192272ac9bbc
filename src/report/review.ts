/**
 * Suggested changes for a pull request review (input `suggestions: review`).
 *
 * Each finding that carries a fix (the text `--fix` writes: missing section,
 * title adornment, trailing whitespace) and whose lines lie in the pull
 * request's diff becomes a review comment with a ```suggestion block the
 * author applies with one click. Fixable findings outside the diff go into
 * the review's body with the RST to paste. The body starts with a hidden
 * marker that names the head commit and a hash of the review, so a re-run
 * finds the action's own earlier review.
 *
 * Text from specs is escaped as in the job summary (no mentions, links or
 * markup); suggestion and code blocks use a fence longer than any run of
 * backticks in their content. Sizes are counted in UTF-8 bytes.
 */
import type { Finding, Fix, Report } from '../engine/types.js'
import { fixWindow, suggestedFix } from '../engine/fix.js'
export { diffLines } from '../engine/changed-lines.js'
import { escapeMarkdown } from './escape.js'
import { fnv1a64, plural, utf8Length } from './util.js'

export const REVIEW_MARKER = '<!-- spec-template-check:review'
/** Review comments in one review; the rest go into the body (GitHub refuses very large reviews). */
export const MAX_REVIEW_COMMENTS = 50
/** Review body and comment body limit (65,536 characters), kept under in bytes. */
export const MAX_REVIEW_BODY_BYTES = 60_000

export interface ReviewComment {
  path: string
  body: string
  line: number
  side: 'RIGHT'
  start_line?: number
  start_side?: 'RIGHT'
}

export interface ReviewPlan {
  body: string
  comments: ReviewComment[]
  /** Hash of body and comments (in the marker): an identical re-run posts nothing. */
  hash: string
  /** Findings in the body (outside the diff, or over the comment limit). */
  inBody: number
}

export interface ReviewFile {
  /** The file's lines as checked (no line endings). */
  lines: string[]
  /** New-side lines that are in the diff (hunk lines, context included). */
  diff: Set<number>
}

/** A fenced block whose fence no backtick run in `content` can close. */
export function fenced(info: string, content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map(m => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${info}\n${content}\n${fence}`
}

interface Suggestion {
  finding: Finding
  /** First and last commented line (new side). */
  start: number
  end: number
  /** What replaces lines start..end. */
  replacement: string
}

/** The lines a fix's suggestion comments on, and their replacement: what the fix applier writes there (engine/fix.ts). */
function suggestion(f: Finding, fix: Fix, file: ReviewFile): Suggestion | undefined {
  const w = fixWindow(file.lines, fix)
  return w && { finding: f, start: w.start, end: w.end, replacement: w.lines.join('\n') }
}

function inDiff(s: Suggestion, file: ReviewFile): boolean {
  for (let l = s.start; l <= s.end; l++) if (!file.diff.has(l)) return false
  return true
}

function what(f: Finding): string {
  return `**${escapeMarkdown(f.rule)}**: ${escapeMarkdown(f.message)}`
}

/**
 * The review for `report`, or undefined when no finding has a fix.
 * `files` holds each checked file's lines and diff lines (a file without a
 * patch has an empty diff: its fixes go into the body).
 */
export function planReview(report: Report, files: ReadonlyMap<string, ReviewFile>, headSha: string, maxComments = MAX_REVIEW_COMMENTS): ReviewPlan | undefined {
  const comments: ReviewComment[] = []
  const outside: { f: Finding; text: string }[] = []
  for (const r of report.files) {
    const file = files.get(r.file)
    for (const f of r.findings) {
      const fix = suggestedFix(f)
      if (!fix) continue
      const s = file ? suggestion(f, fix, file) : undefined
      const body = s ? `${what(f)}\n\n${fenced('suggestion', s.replacement)}` : ''
      // A suggestion too big for one comment is never cut (that would break it): it goes into the body's count.
      if (s && file && inDiff(s, file) && comments.length < maxComments && utf8Length(body) <= MAX_REVIEW_BODY_BYTES) {
        comments.push({
          path: r.file,
          body,
          line: s.end,
          side: 'RIGHT',
          ...(s.start < s.end ? { start_line: s.start, start_side: 'RIGHT' as const } : {})
        })
      } else {
        outside.push({ f, text: fix.text.replace(/\n$/, '') })
      }
    }
  }
  if (comments.length === 0 && outside.length === 0) return undefined

  let rest =
    `**spec-template-check** suggests ${plural(comments.length, 'change')} in the diff` +
    (comments.length ? ' (apply them with "Commit suggestion")' : '') +
    (outside.length ? `; ${plural(outside.length, 'fix', 'fixes')} outside the diff ${outside.length === 1 ? 'is' : 'are'} below (paste the RST)` : '') +
    '. `spec-template-check --fix` makes the same changes locally.\n'
  let left = outside.length
  for (const { f, text } of outside) {
    const item = `\n- ${escapeMarkdown(`${f.file}:${f.line}`)}: ${what(f)}\n\n${fenced('rst', text)}\n`
    if (utf8Length(rest) + utf8Length(item) > MAX_REVIEW_BODY_BYTES - 400) break
    rest += item
    left--
  }
  if (left > 0) rest += `\n… and ${plural(left, 'more fix', 'more fixes')}: run \`spec-template-check --fix\`.\n`
  const hash = fnv1a64(JSON.stringify([rest, comments]))
  const body = `${REVIEW_MARKER} sha=${headSha} hash=${hash} -->\n${rest}`
  return { body, comments, hash, inBody: outside.length }
}

/** The commit and hash in an earlier review's marker, when it is one of ours. */
export function readMarker(body: unknown): { sha: string; hash: string } | undefined {
  if (typeof body !== 'string') return undefined
  const m = /<!-- spec-template-check:review sha=([0-9a-f]{40,64}) hash=([0-9a-f]{16}) -->/.exec(body)
  return m ? { sha: m[1]!, hash: m[2]! } : undefined
}
