/**
 * The one place that makes untrusted text (anything that came from the
 * repository or the pull request: file names, titles, messages, config keys
 * and values, API answers) safe for where it goes. Pure.
 *
 * - a terminal or log line: logLine (control characters made visible, then
 *   no workflow command: `::` at a line start and `##[` anywhere neutralised);
 * - a whole multi-line log text whose fields already went through safeText:
 *   plainLogSafe;
 * - a workflow command's data / properties: escapeData / escapeProperty
 *   (exactly as @actions/core escapes them);
 * - JSON printed to a log: jsonLogSafe;
 * - Markdown (job summary, check run): escapeMarkdown (inert: no markup, no
 *   HTML, no autolink, no mention).
 *
 * Every line the action or the CLI prints goes through one of these.
 */

/**
 * Characters that must never reach a terminal or a log verbatim:
 * C0 controls except tab (so: newline, carriage return, ESC, BEL, ...), DEL,
 * C1 controls (U+0080-U+009F, among them CSI U+009B and NEL U+0085), the
 * Unicode line and paragraph separators, and the bidirectional formatting
 * characters used in "Trojan Source" tricks (text that displays in another
 * order than it is stored).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Like UNSAFE but leaving "\n" and "\r" alone (for callers that escape them their own way). */
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

function visible(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    default: {
      const code = ch.charCodeAt(0)
      return code <= 0xff ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0')
    }
  }
}

/**
 * Replace control characters (except tab) with visible escapes: newline
 * becomes the two characters `\n`, ESC becomes `\x1b`, U+202E becomes
 * `\u202e`. The result is always a single line with no terminal escape
 * sequences. Backslashes already in the text are left as they are (the
 * escaping is for safety, not meant to be reversible).
 */
export function safeText(text: string): string {
  return String(text).replace(UNSAFE, visible)
}

/** safeText, but keeping "\n" and "\r" (the caller escapes those). */
export function safeTextKeepNewlines(text: string): string {
  return String(text).replace(UNSAFE_KEEP_NEWLINES, visible)
}

/** Text for the data part of a command, exactly as @actions/core escapes it. */
export function escapeData(s: string): string {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Text for a property value of a command, exactly as @actions/core escapes it. */
export function escapeProperty(s: string): string {
  return String(s)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')
}

/**
 * Leading whitespace as .NET's String.TrimStart sees it (and a little more:
 * over-matching only means neutralising a line that was harmless).
 */
const COMMAND_LINE = /^([\s\u0085\u001c-\u001f]*)::/
const LEGACY_COMMAND = /##\[/g

/**
 * Make text safe to print to a GitHub Actions log.
 *
 * The runner reads every line of a step's output (split at "\n", "\r" or
 * "\r\n") as a possible command:
 * - a line that starts, after leading whitespace, with `::` (`::add-mask::x`,
 *   `::stop-commands::t`, `::error::...`);
 * - a line that contains the legacy `##[name]` syntax anywhere
 *   (`##[error]...`, `##[stop-commands]t`), which the runner still honours.
 *
 * Choice: insert a backslash, visibly and without zero-width characters:
 * `  ::add-mask::x` becomes `  \::add-mask::x` and `##[error]` becomes
 * `##\[error]`. Nothing else changes (line breaks are kept, so multi-line
 * text stays multi-line), and text without those sequences is returned
 * unchanged. Apply it to the final text (after any other escaping).
 */
export function plainLogSafe(text: string): string {
  return String(text)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(COMMAND_LINE, '$1\\::').replace(LEGACY_COMMAND, '##\\[')))
    .join('')
}

/**
 * One log line from text that may hold untrusted parts: a single line (no
 * control characters) that the runner cannot read as a workflow command.
 */
export function logLine(text: string): string {
  return plainLogSafe(safeText(text))
}

/**
 * Make serialized JSON safe to print in a GitHub Actions log: the runner
 * still honours the legacy `##[command]` syntax anywhere in a line, so every
 * `##[` (which in our JSON can only occur inside a string) is written as
 * `##\u005b`, which parses back to the same value. JSON lines never start
 * with `::`, so the modern syntax cannot trigger.
 */
export function jsonLogSafe(json: string): string {
  return json.replace(/##\[/g, '##\\u005b')
}

/** Whatever escapeMarkdown changes: UNSAFE's characters, MD_ESCAPES' characters, `@`, `://`, `www.` (any case). */
// eslint-disable-next-line no-control-regex
const MD_ANY = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069&<>"|`*_[\]\\~$@]|:\/\/|www\./i

const MD_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  $: '&#36;'
}

/**
 * Escape untrusted text for Markdown and HTML, safe inside a table cell, and
 * inert: control characters made visible (so no newline), `& < > " | \` * _
 * [ ] \ ~ $` as character references; `@` written as the full-width `＠`
 * (U+FF20); and bare URLs broken up by an empty HTML comment (`www<!-- -->.`,
 * `https:<!-- -->//`), which splits the text in two for the renderer and is
 * not shown. A character reference is not enough: GFM's e-mail autolinks (and
 * GitHub's @mentions) act on the decoded text, so `jane&#64;example.com`
 * still becomes a mailto: link.
 */
export function escapeMarkdown(text: string): string {
  // Most text (file names, titles) has nothing to escape: one scan instead of five.
  if (!MD_ANY.test(text)) return String(text)
  return safeText(text)
    .replace(/[&<>"|`*_[\]\\~$]/g, c => MD_ESCAPES[c] ?? c)
    .replace(/@/g, '\uff20')
    .replace(/:\/\//g, ':<!-- -->//')
    .replace(/(www)\./gi, '$1<!-- -->.')
}
