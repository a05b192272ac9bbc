/**
 * Posts the suggested-changes review (input `suggestions: review`) on a
 * pull request: one review of the head commit (event COMMENT) built by
 * report/review.ts.
 *
 * Re-runs: the action's own earlier reviews of the same commit are found by
 * their hidden marker. An identical one is left as it is (nothing posted);
 * a different one is emptied (its suggestion comments deleted, its body
 * replaced by a line saying it was superseded) before the new one is posted.
 *
 * Fork pull requests (read-only token) are not tried; a 403 / 404 / 422 from
 * GitHub ends the attempt. Either way the caller gets one notice and the
 * findings stay in the annotations.
 */
import type { ReviewPlan } from '../report/review.js'
import { readMarker } from '../report/review.js'
import { ApiShapeError, describeApiError, describeData, errorStatus, type GitHubClient, type ResponseCheck } from './client.js'

/** Pages of 100 reviews read at most when looking for earlier ones. */
export const MAX_REVIEW_PAGES = 10

export type ReviewApi = Pick<GitHubClient, 'request'>

export interface ReviewTarget {
  owner: string
  repo: string
  pull: number
  headSha: string
}

export type ReviewResult =
  | { posted: true; id: number; comments: number; replaced: number }
  | { posted: false; unchanged: true; id: number }
  | { posted: false; unchanged?: false; refused: boolean; reason: string }

interface ReviewSummary {
  id: number
  body: string
  commit_id: string
}

const list: ResponseCheck = res => void reviewList(res.data)
const created: ResponseCheck = res => void reviewId(res.data)
const comments: ResponseCheck = res => void commentIds(res.data)

function reviewId(data: unknown): number {
  const id = (data as { id?: unknown } | null)?.id
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new ApiShapeError(`the answer is ${describeData(data)}, not a review`)
  return id
}

function reviewList(data: unknown): ReviewSummary[] {
  if (!Array.isArray(data)) throw new ApiShapeError(`the answer is ${describeData(data)}, not a list of reviews`)
  return data.map(r => ({
    id: reviewId(r),
    body: typeof (r as { body?: unknown }).body === 'string' ? (r as { body: string }).body : '',
    commit_id: typeof (r as { commit_id?: unknown }).commit_id === 'string' ? (r as { commit_id: string }).commit_id : ''
  }))
}

function commentIds(data: unknown): number[] {
  if (!Array.isArray(data)) throw new ApiShapeError(`the answer is ${describeData(data)}, not a list of review comments`)
  return data.map(c => reviewId(c))
}

const SUPERSEDED = 'spec-template-check: superseded by a newer review of this commit.'

export async function postReview(api: ReviewApi, t: ReviewTarget, plan: ReviewPlan): Promise<ReviewResult> {
  const where = { owner: t.owner, repo: t.repo, pull_number: t.pull }
  try {
    const ours: ReviewSummary[] = []
    for (let page = 1; page <= MAX_REVIEW_PAGES; page++) {
      const res = await api.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...where, per_page: 100, page, request: { validate: list } })
      const reviews = reviewList(res.data)
      for (const r of reviews) {
        const m = readMarker(r.body)
        if (m && m.sha === t.headSha && r.commit_id === t.headSha) ours.push(r)
      }
      if (reviews.length < 100) break
    }
    const same = ours.find(r => readMarker(r.body)?.hash === plan.hash)
    if (same) return { posted: false, unchanged: true, id: same.id }
    for (const old of ours) {
      const res = await api.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments', {
        ...where,
        review_id: old.id,
        per_page: 100,
        request: { validate: comments }
      })
      for (const id of commentIds(res.data)) {
        await api.request('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}', { owner: t.owner, repo: t.repo, comment_id: id })
      }
      await api.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', {
        ...where,
        review_id: old.id,
        body: SUPERSEDED,
        request: { validate: created }
      })
    }
    const res = await api.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...where,
      commit_id: t.headSha,
      event: 'COMMENT',
      body: plan.body,
      comments: plan.comments,
      request: { validate: created }
    })
    return { posted: true, id: reviewId(res.data), comments: plan.comments.length, replaced: ours.length }
  } catch (err) {
    const status = errorStatus(err)
    return { posted: false, refused: status === 403 || status === 404 || status === 422, reason: describeApiError(err) }
  }
}
