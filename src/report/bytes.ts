/**
 * Sizes as the GitHub API counts them: UTF-8 bytes, not UTF-16 units.
 * Every text the action sends (annotation title, message, raw_details,
 * check-run and review summaries, review comments) is cut here.
 */
import { utf8Length } from './util.js'

/**
 * `text` when it is at most `maxBytes` UTF-8 bytes; else its longest prefix
 * that ends on a character boundary (never half a surrogate pair) followed
 * by `marker`, the whole at most `maxBytes` bytes.
 */
export function cutUtf8(text: string, maxBytes: number, marker = '…'): string {
  const max = Math.max(0, Math.floor(maxBytes))
  if (utf8Length(text) <= max) return text
  const room = max - utf8Length(marker)
  if (room < 0) return ''
  let bytes = 0
  let i = 0
  for (const ch of text) {
    const n = utf8Length(ch)
    if (bytes + n > room) break
    bytes += n
    i += ch.length
  }
  return text.slice(0, i) + marker
}
