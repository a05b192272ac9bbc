/**
 * Links from the summaries to the files and lines they name:
 * `<server>/<owner>/<repo>/blob/<head sha>/<path>#L<line>`.
 *
 * The server, owner, repository and commit come from the runner (GITHUB_SERVER_URL,
 * the event), never from a spec; each is checked for its shape, and no link is
 * made when one is off. The path is percent-encoded segment by segment (also
 * `' ( ) * ! ~`), so the URL holds no character that Markdown or HTML could act
 * on; the link text is escaped by the caller.
 */

export interface LinkTarget {
  /** e.g. https://github.com or https://ghe.example.com (no trailing slash). */
  serverUrl: string
  owner: string
  repo: string
  /** The head commit (40 or 64 hex digits). */
  sha: string
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/**
 * `<server>/<owner>/<repo>/blob/<sha>/`, or undefined when any part is missing
 * or not of its expected shape (then the summaries name files without links).
 */
export function blobBase(t: Partial<LinkTarget>): string | undefined {
  const { serverUrl, owner, repo, sha } = t
  if (!serverUrl || !owner || !repo || !sha) return undefined
  if (!NAME.test(owner) || !NAME.test(repo) || owner.startsWith('.') || repo === '.' || repo === '..' || !SHA.test(sha)) return undefined
  let url: URL
  try {
    url = new URL(serverUrl)
  } catch {
    return undefined
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) return undefined
  const origin = url.origin + url.pathname.replace(/\/+$/, '')
  if (/["'<>\s\\`]/.test(origin)) return undefined
  return `${origin}/${owner}/${repo}/blob/${sha}/`
}

/** Strict percent-encoding of one path segment. */
function encodeSegment(seg: string): string {
  return encodeURIComponent(seg).replace(/[!'()*~]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

/** The URL of `file` (repository-relative), at `line` when given. */
export function blobUrl(base: string, file: string, line?: number): string {
  const p = String(file)
    .replace(/\\/g, '/')
    .split('/')
    .filter(s => s !== '' && s !== '.')
    .map(encodeSegment)
    .join('/')
  return base + p + (line !== undefined && Number.isInteger(line) && line >= 1 ? `#L${line}` : '')
}

/** An HTML link around already-escaped text. */
export function linkHtml(url: string, escapedText: string): string {
  return `<a href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">${escapedText}</a>`
}
