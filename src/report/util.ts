/**
 * Helpers shared by the report formatters. Everything here is pure.
 *
 * Text that comes from a spec (messages quote titles and lines, file names
 * are chosen by whoever opens the pull request) is untrusted: every formatter
 * runs it through one of the escapers of ./escape.ts before it reaches a
 * terminal, a log, Markdown or a workflow command.
 */
import type { FileResult, Finding, SectionStatus, Severity } from '../engine/types.js'

/** "1 error", "2 errors", "0 errors". */
export function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`
}

export function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1
}

/** Plain code-unit comparison: deterministic whatever the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function num(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0
}

/** Order findings by file, line, column (stable for ties). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) || num(a.line) - num(b.line) || num(a.column ?? 1) - num(b.column ?? 1)
  )
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/** Order by severity (errors first), then file, line, column. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) || compareFindings(a, b)
}

/** Files sorted by path (a copy). */
export function sortedFiles(files: readonly FileResult[]): FileResult[] {
  return [...files].sort((a, b) => compareStrings(a.file, b.file))
}

/** Rule id used for a file that could not be checked at all. */
export const FILE_ERROR_RULE = 'file-error'

/**
 * Every finding of the report, with each file-level error turned into an
 * error finding of rule `file-error` at line 1, sorted by file, line, column.
 */
export function allFindings(files: readonly FileResult[]): Finding[] {
  const out: Finding[] = []
  for (const f of files) {
    if (f.error !== undefined) {
      out.push({ rule: FILE_ERROR_RULE, severity: 'error', message: f.error, file: f.file, line: 1 })
    }
    for (const finding of f.findings) out.push(finding)
  }
  return out.sort(compareFindings)
}

/** Section statuses worth reporting, grouped. Missing optional sections are not a problem. */
export interface SectionProblems {
  missing: SectionStatus[]
  empty: SectionStatus[]
  templateText: SectionStatus[]
  placeholder: SectionStatus[]
}

export function sectionProblems(sections: readonly SectionStatus[]): SectionProblems {
  const out: SectionProblems = { missing: [], empty: [], templateText: [], placeholder: [] }
  // A subsection of a missing section is implied by its parent: list the parent only.
  const missingPaths = new Set<string>()
  for (const s of sections) {
    switch (s.status) {
      case 'missing': {
        const key = [...s.path, s.title].join('\u0000')
        missingPaths.add(key)
        const parentMissing = s.path.some((_t, i) => missingPaths.has(s.path.slice(0, i + 1).join('\u0000')))
        if (s.required && !parentMissing) out.missing.push(s)
        break
      }
      case 'empty':
        out.empty.push(s)
        break
      case 'template-text':
        out.templateText.push(s)
        break
      case 'placeholder':
        out.placeholder.push(s)
        break
      default:
        break
    }
  }
  return out
}

export function incompleteCount(p: SectionProblems): number {
  return p.empty.length + p.templateText.length + p.placeholder.length
}

/** "Proposed change > Alternatives" (raw, unescaped). */
export function sectionLabel(s: SectionStatus, separator = ' > '): string {
  return [...s.path, s.title].join(separator)
}

/** Length of a string in UTF-8 bytes (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i++
      } else n += 3
    } else n += 3
  }
  return n
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 lowercase hex digits.
 * Computed on two 32-bit halves (the prime is 2^40 + 0x1b3), no BigInt.
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let hi = 0xcbf29ce4
  let lo = 0x84222325
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0
    const loMul = lo * 0x1b3
    const carry = Math.floor(loMul / 0x100000000)
    const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) % 0x100000000
    lo = loMul >>> 0
    hi = newHi >>> 0
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}
