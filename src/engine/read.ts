/**
 * Text -> Outline, by format: the RST scanner, or the Markdown reader. The
 * Markdown reader (markdown-it) is loaded only when a Markdown file is met,
 * so checking RST specs never pays for its module load: callers that may
 * meet Markdown `await loadReader('markdown')` before reading.
 */
import type { Outline, SpecFormat } from './types.js'
import { scan } from './rst/scan.js'
import { isMarkdownPath } from './markdown/format.js'

export type Reader = (text: string) => Outline

const readers = new Map<SpecFormat, Reader>([['rst', scan]])

/** The format of a file by its name: `.md` and `.markdown` (any case) are Markdown, everything else RST. */
export function formatOfPath(file: string): SpecFormat {
  return isMarkdownPath(file) ? 'markdown' : 'rst'
}

/** Loads the reader of a format (once); resolves when readDocument can read it. */
export async function loadReader(format: SpecFormat): Promise<void> {
  if (readers.has(format)) return
  const { readMarkdown } = await import('./markdown/read.js')
  readers.set('markdown', readMarkdown)
}

/** True when the reader of the format is loaded. */
export function hasReader(format: SpecFormat): boolean {
  return readers.has(format)
}

/** Reads a decoded text (BOM already stripped) in its format. Throws when that format's reader was not loaded. */
export function readDocument(text: string, format: SpecFormat): Outline {
  const reader = readers.get(format)
  if (!reader) throw new Error(`the ${format} reader is not loaded: await loadReader('${format}') first`)
  return reader(text)
}
