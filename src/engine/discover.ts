/**
 * Template discovery, as pure path arithmetic (the caller checks which
 * candidates exist). First match wins:
 *   1. `template.rst` in the spec's folder, then in each ancestor up to the root;
 *   2. `<folder>-template.rst` beside an ancestor folder, nearest first
 *      (nova: `specs/2025.1/approved/x.rst` -> `specs/2025.1-template.rst`);
 *   3. otherwise the embedded default template.
 * Paths are workspace-relative with forward slashes.
 */

export function templateCandidates(specPath: string): string[] {
  const parts = specPath.split('/').filter(p => p !== '' && p !== '.')
  parts.pop() // the file itself
  const out: string[] = []
  for (let i = parts.length; i >= 0; i--) {
    out.push([...parts.slice(0, i), 'template.rst'].join('/'))
  }
  for (let i = parts.length; i >= 1; i--) {
    const folder = parts[i - 1]!
    out.push([...parts.slice(0, i - 1), `${folder}-template.rst`].join('/'))
  }
  return out
}

/** Template files are never checked as specs. */
export function isTemplateFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return base === 'template.rst' || base.endsWith('-template.rst')
}

/**
 * The folder a discovered template applies to: `a/b/template.rst` -> `a/b`,
 * `a/b-template.rst` -> `a/b`.
 */
export function templateScope(templatePath: string): string {
  const slash = templatePath.lastIndexOf('/')
  const dir = slash === -1 ? '' : templatePath.slice(0, slash)
  const base = templatePath.slice(slash + 1)
  if (base === 'template.rst') return dir
  const folder = base.slice(0, -'-template.rst'.length)
  return dir ? `${dir}/${folder}` : folder
}
