/**
 * Help for each rule, as SARIF rule metadata (code scanning shows it as the
 * rule's help): a name, what the rule checks, how to fix a finding and an
 * example of the text the rule expects. Kept apart from the rule modules
 * (one entry per rule id) so rule logic and help text change independently.
 */
import { RULE_IDS } from './ids.js'

export interface RuleHelp {
  /** PascalCase name (SARIF reportingDescriptor.name). */
  name: string
  /** What the rule checks. */
  checks: string
  /** How to fix a finding. */
  fix: string
  /** Text the rule accepts (RST unless `exampleFormat` says otherwise). */
  example: string
  /** The markup of the example, when it is not RST. */
  exampleFormat?: 'markdown'
}

/** The README section that describes every rule. */
export const RULES_HELP_URI = 'https://github.com/spec-template-check/spec-template-check#rules'

export const RULE_HELP: Readonly<Record<string, RuleHelp>> = {
  'title': {
    name: 'DocumentTitle',
    checks: 'The spec starts with a document title of its own, not the one in the template.',
    fix: 'Put the spec\'s own title at the top, over- and underlined as in the template.',
    example: '=================================\nSupport for live resize of volumes\n=================================\n'
  },
  'missing-section': {
    name: 'MissingSection',
    checks: 'Every section and subsection of the template is present in the spec, under the same parent.',
    fix: 'Add the section where the finding says (after the section it names), with its title underlined as in the template; write "None" when there is nothing to say. `--fix` inserts it.',
    example: 'Alternatives\n------------\n\nNone\n'
  },
  'extra-section': {
    name: 'ExtraSection',
    checks: 'Each top-level section of the spec is one the template has (or one the configuration allows). A near match is usually a renamed or misspelt template section.',
    fix: 'Rename the section to the template title the finding suggests, or move its text into a template section (or a subsection of one).',
    example: 'Proposed change\n===============\n'
  },
  'duplicate-section': {
    name: 'DuplicateSection',
    checks: 'Each template section appears once under its parent.',
    fix: 'Merge the repeated section into the first one (move its text there and delete the second title).',
    example: 'Alternatives\n------------\n\nA cache of provisioned widgets; rejected because it wastes capacity.\n'
  },
  'section-order': {
    name: 'SectionOrder',
    checks: 'The template sections appear in the order of the template.',
    fix: 'Move each reported section to the place the finding names (after the section it should follow).',
    example: 'Problem description\n===================\n\nProposed change\n===============\n'
  },
  'section-level': {
    name: 'SectionLevel',
    checks: 'Each template section is at the same level and under the same parent as in the template.',
    fix: 'Use the underline character the template uses for that level, or move the section under the right parent.',
    example: 'Alternatives\n------------\n'
  },
  'empty-section': {
    name: 'EmptySection',
    checks: 'No section is empty: the template asks for "None" when there is nothing to say.',
    fix: 'Write the content, or "None".',
    example: 'Security impact\n---------------\n\nNone\n'
  },
  'template-text': {
    name: 'TemplateText',
    checks: 'A section\'s body is not still the template\'s guidance text.',
    fix: 'Replace the guidance with your own text, or "None".',
    example: 'Performance Impact\n------------------\n\nListing instances becomes one query per page instead of one per instance.\n'
  },
  'placeholder': {
    name: 'PlaceholderLeftInPlace',
    checks: 'No placeholder of the template (such as `<launchpad-id or None>`) is left in place.',
    fix: 'Replace the placeholder with the real value, or "None".',
    example: 'https://blueprints.launchpad.net/nova/+spec/live-resize\n'
  },
  'front-matter': {
    name: 'FrontMatterKey',
    checks: 'Markdown: every key of the template\'s YAML front matter is in the spec\'s front matter.',
    fix: 'Add the missing keys to the front matter (the `---` block at the top), with the spec\'s values.',
    example: '---\ntitle: live-resize\nauthors:\n  - "@jane"\ncreation-date: 2026-01-15\n---\n',
    exampleFormat: 'markdown'
  },
  'toc': {
    name: 'TableOfContents',
    checks: 'Markdown: where the template has a generated table of contents (`<!-- toc -->` ... `<!-- /toc -->`), the spec has one that lists its headings and no others.',
    fix: 'Regenerate the table of contents (for example `mdtoc --inplace README.md`).',
    example: '<!-- toc -->\n- [Summary](#summary)\n- [Motivation](#motivation)\n<!-- /toc -->\n',
    exampleFormat: 'markdown'
  },
  'title-underline': {
    name: 'TitleUnderline',
    checks: 'Title adornments are at least as long as their titles and levels are used consistently; a template title whose underline is too short is plain text, not a title.',
    fix: 'Make the underline (and overline) as long as the title. `--fix` does it.',
    example: 'Work Items\n----------\n'
  },
  'line-length': {
    name: 'LineLength',
    checks: 'Lines are at most the maximum length (79 by default, or what the template states). Lines with URLs, single-token lines, literal blocks and directive bodies are exempt.',
    fix: 'Wrap the line at the limit.',
    example: 'This paragraph is wrapped at 79 columns so that reviewers can read it in the\ndiff without scrolling.\n'
  },
  'trailing-whitespace': {
    name: 'TrailingWhitespace',
    checks: 'No line ends with spaces or tabs.',
    fix: 'Remove the whitespace at the end of the line. `--fix` does it.',
    example: 'A line with nothing after its last word.\n'
  },
  'tab': {
    name: 'TabCharacter',
    checks: 'No line contains a tab character (RST expands tabs to 8 columns, which shifts indentation).',
    fix: 'Use spaces instead.',
    example: '    indented with four spaces\n'
  },
  'carriage-return': {
    name: 'CarriageReturn',
    checks: 'Lines end with LF, not CR or CRLF.',
    fix: 'Save the file with Unix line endings. `--fix` converts them.',
    example: 'line one\\n\nline two\\n\n'
  },
  'zero-width-space': {
    name: 'ZeroWidthSpace',
    checks: 'No line contains a zero-width space (U+200B), which is invisible and breaks search and titles.',
    fix: 'Delete the invisible character (retype the word around it).',
    example: 'Proposed change\n'
  },
  'final-newline': {
    name: 'FinalNewline',
    checks: 'The file ends with a newline.',
    fix: 'Add a line break at the end of the file. `--fix` does it.',
    example: 'None\n'
  },
  'image': {
    name: 'ImageDirective',
    checks: 'No image, figure or rendered-diagram directive: the template asks for ASCII diagrams that reviewers can read in the diff.',
    fix: 'Draw the diagram as text in a literal block.',
    example: '::\n\n    +--------+      +-----------+\n    |  API   | ---> | scheduler |\n    +--------+      +-----------+\n'
  },
  'suppression': {
    name: 'SuppressionComment',
    checks: 'Suppression comments (`.. spec-template-check: disable=RULE` in RST, `<!-- spec-template-check: disable=RULE -->` in Markdown) name known rules, and follow the repository\'s suppressions policy (allow, report or deny).',
    fix: 'Name a rule that exists, or remove the comment and fix the finding.',
    example: '.. spec-template-check: disable=line-length\n'
  },
  'file-error': {
    name: 'FileError',
    checks: 'The file could be read and decoded as text (and is inside the workspace).',
    fix: 'Make the file a readable UTF-8 text file inside the repository (not a symbolic link leading out of it).',
    example: 'specs/2026.1/approved/live-resize.rst\n'
  }
}

/** Plain-text help: what, how to fix, example. */
export function helpText(h: RuleHelp): string {
  return `${h.checks}\n\nHow to fix: ${h.fix}\n\nExample:\n\n${indent(h.example)}`
}

/** Markdown help: the same, with the example as an RST code block. */
export function helpMarkdown(id: string, h: RuleHelp): string {
  const fence = h.example.includes('```') ? '~~~~' : '```'
  return (
    `**${id}**: ${h.checks}\n\n**How to fix:** ${h.fix}\n\n**Example:**\n\n${fence}${h.exampleFormat ?? 'rst'}\n${h.example.replace(/\n$/, '')}\n${fence}\n\n` +
    `[All rules](${RULES_HELP_URI})`
  )
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map(l => (l === '' ? '' : '    ' + l))
    .join('\n')
}

// Every rule has help (file-error included).
for (const id of RULE_IDS) if (!RULE_HELP[id]) throw new Error(`rules/help.ts: no help for rule "${id}"`)
