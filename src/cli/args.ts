/** Command-line parsing for the CLI (node:util parseArgs, strict). */
import { parseArgs } from 'node:util'

export const USAGE = `Usage: spec-template-check [options] [paths...]

Check design specs (reStructuredText or Markdown) against their template.
Paths are files, directories (their *.rst, *.md and *.markdown files,
recursively) or globs; default: specs

Options:
  --template FILE            template to check against (default: discovery,
                             then the embedded default template)
  --optional-sections LIST   comma-separated section titles that may be absent
  --allowed-sections LIST    comma-separated top-level titles allowed besides
                             the template's
  --section-depth N          template heading levels required (default 2)
  --max-line-length N        longest allowed line (default: the width the
                             template asks for; none asked, no limit)
  --rules LIST               severity overrides: id=error|warning|notice|off,...
  --exclude LIST             comma-separated globs to skip
  --not-specs LIST           file names that are not specs (default index.rst,
                             README.rst, template.rst, *-template.rst,
                             *_template.rst); none: check every file
  --format FORMAT            text (default), json, sarif or github
  --fail-on LEVEL            error (default), warning or never
  --output FILE              write the report to FILE instead of stdout
  --lines WHICH              all (default), or changed: line rules (line-length,
                             trailing-whitespace, tab, carriage-return,
                             zero-width-space) only on lines changed since --base
  --base REV                 git revision for --lines changed (default HEAD)
  --suppressions POLICY      suppression comments in specs: allow (default),
                             report (honoured, each one a notice) or deny
                             (ignored, each one an error)
  --fix                      fix what can be fixed (missing sections,
                             title adornments, trailing whitespace, line
                             endings, final newline), then report the rest
  --outline                  print the section tree the scanner sees (JSON lines)
  --stats                    print per-file timings and peak memory to stderr
  --root DIR                 what the tool finds on its own (files in folders,
                             templates, configuration) stays inside DIR
                             (default: the git repository's top folder, else .);
                             paths you name are read wherever they are
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or
configuration error, a path that could not be read, or a file --fix could
not write.
`

export interface CliArgs {
  paths: string[]
  template?: string
  optionalSections?: string
  allowedSections?: string
  sectionDepth?: string
  maxLineLength?: string
  rules?: string
  exclude?: string
  notSpecs?: string
  format?: string
  failOn?: string
  suppressions?: string
  output?: string
  outline: boolean
  lines?: string
  base?: string
  fix: boolean
  stats: boolean
  root?: string
  help: boolean
  version: boolean
}

export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      template: { type: 'string' },
      'optional-sections': { type: 'string' },
      'allowed-sections': { type: 'string' },
      'section-depth': { type: 'string' },
      'max-line-length': { type: 'string' },
      rules: { type: 'string' },
      exclude: { type: 'string' },
      'not-specs': { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      suppressions: { type: 'string' },
      output: { type: 'string', short: 'o' },
      outline: { type: 'boolean', default: false },
      stats: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      lines: { type: 'string' },
      base: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false }
    }
  })
  return {
    paths: positionals,
    template: values.template,
    optionalSections: values['optional-sections'],
    allowedSections: values['allowed-sections'],
    sectionDepth: values['section-depth'],
    maxLineLength: values['max-line-length'],
    rules: values.rules,
    exclude: values.exclude,
    notSpecs: values['not-specs'],
    format: values.format,
    failOn: values['fail-on'],
    suppressions: values.suppressions,
    output: values.output,
    outline: values.outline ?? false,
    stats: values.stats ?? false,
    fix: values.fix ?? false,
    lines: values.lines,
    base: values.base,
    root: values.root,
    help: values.help ?? false,
    version: values.version ?? false
  }
}
