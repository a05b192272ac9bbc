/** Which files are read as Markdown; kept apart from the parser so that deciding loads no parser. */

/** True for the file names read as Markdown: `.md` and `.markdown`, any case. */
export function isMarkdownPath(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file)
}
