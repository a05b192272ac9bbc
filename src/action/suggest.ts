/**
 * `suggestions: review`: the suggested-changes review on pull_request
 * events. Reads the checked files' lines and the diff's patches, plans the
 * review (report/review.ts) and posts it (review.ts). Whatever happens, the
 * annotations and the summary stay as they are; a review that cannot be
 * posted is one notice (fork, missing permission) or one warning.
 */
import * as core from './core.js'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Report } from '../engine/types.js'
import { diffLines, planReview, type ReviewFile } from '../report/review.js'
import { suggestedFix } from '../engine/fix.js'
import { safeText } from '../report/escape.js'
import type { EventContext } from '../github/context.js'
import { headSha, isPullRequestEvent } from '../github/context.js'
import { postReview, type ReviewApi } from '../github/review.js'

const FALLBACK = 'the fixes are in the annotations (raw details) instead'

export async function suggestChanges(
  report: Report,
  workspace: string,
  ctx: EventContext,
  api: ReviewApi | undefined,
  patches: ReadonlyMap<string, string | undefined>
): Promise<void> {
  const pr = ctx.payload.pull_request
  if (!isPullRequestEvent(ctx) || typeof pr?.number !== 'number') {
    core.info('suggestions: review is for pull_request events; nothing to suggest on this event')
    return
  }
  const sha = headSha(ctx)
  const files = new Map<string, ReviewFile>()
  for (const f of report.files) {
    if (f.error !== undefined || !f.findings.some(x => suggestedFix(x))) continue
    let text: string
    try {
      text = await readFile(path.join(workspace, f.file), 'utf8')
    } catch {
      continue
    }
    const patch = patches.get(f.file)
    files.set(f.file, { lines: text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/), diff: patch ? diffLines(patch) : new Set() })
  }
  const plan = planReview(report, files, sha)
  if (!plan) return
  const headRepo = pr.head?.repo?.full_name
  if (headRepo && headRepo.toLowerCase() !== `${ctx.owner}/${ctx.repo}`.toLowerCase()) {
    core.notice(`Suggested changes were not posted: the pull request comes from a fork, whose token cannot write reviews; ${FALLBACK}`)
    return
  }
  if (!api || !ctx.owner || !ctx.repo || !sha) {
    core.notice(`Suggested changes were not posted: no github-token or repository; ${FALLBACK}`)
    return
  }
  const res = await postReview(api, { owner: ctx.owner, repo: ctx.repo, pull: pr.number, headSha: sha }, plan)
  if (res.posted) {
    core.info(
      `Review ${res.id} posted on pull request #${pr.number} with ${res.comments} suggested change${res.comments === 1 ? '' : 's'}` +
        (plan.inBody ? ` (${plan.inBody} more in its body)` : '') +
        (res.replaced ? `; ${res.replaced} earlier review${res.replaced === 1 ? '' : 's'} of this commit superseded` : '')
    )
  } else if (res.unchanged) {
    core.info(`The review with these suggestions is already on pull request #${pr.number} (review ${res.id}): not posted again`)
  } else if (res.refused) {
    core.notice(
      `Suggested changes were not posted (${safeText(res.reason)}): the token needs "pull-requests: write"; ${FALLBACK}`
    )
  } else {
    core.warning(`Suggested changes were not posted (${safeText(res.reason)}); ${FALLBACK}`)
  }
}
