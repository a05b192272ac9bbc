export const id = 36;
export const ids = [36];
export const modules = {

/***/ 4036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ parseHeadings),
  D: () => (/* binding */ parseMarkdown)
});

// EXTERNAL MODULE: ./node_modules/markdown-it/index.mjs + 51 modules
var markdown_it = __webpack_require__(6216);
// EXTERNAL MODULE: ./node_modules/markdown-it/lib/rules_block/state_block.mjs
var state_block = __webpack_require__(5036);
;// CONCATENATED MODULE: ./src/engine/markdown/markdown-it.ts
/**
 * The one markdown-it parser of the process, set up as the Markdown reader
 * needs it: CommonMark + GFM tables and strikethrough, HTML blocks read as
 * GitHub's cmark-gfm 0.29 reads them, and only the work whose result the
 * reader uses (no inline parsing, no paragraph text, line marks found
 * line by line rather than character by character, at each line only the
 * block rules that may start at its first character, one walk over a
 * paragraph for lheading and paragraph). Same tokens as markdown-it's own
 * rules: __tests__/markdown/markdown-it.test.ts compares them.
 */


let parser;
/** One parser for the process: HTML blocks on (GitHub reads them), inline parsing only for headings. */
function markdownIt() {
    if (!parser) {
        parser = new markdown_it/* default */.A('default', { html: true, linkify: false, typographer: false });
        parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
        asCmarkGfm029(parser);
        withoutUnusedWork(parser);
        onlyRulesThatCanStart(parser);
        parser.block.State = LineMarksState;
    }
    return parser;
}
/** A complete open or closing tag alone on its line (the start of an HTML block of type 7). */
const TAG_LINE = /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
/** Starts of type 7 in CommonMark 0.29 that 0.31 reads as type 1 (`<textarea`) or type 6 (`search`). */
const TYPE7_IN_029 = /^<(?:textarea|\/?search)(?=\s|\/?>|$)/i;
/**
 * GitHub renders with cmark-gfm 0.29; markdown-it follows CommonMark 0.31,
 * whose HTML block starts differ on `<textarea`, `search` and
 * declarations with a lower-case letter (`<!doctype`: text in 0.29).
 * This rule reads those lines as 0.29 does and leaves the rest to markdown-it.
 */
function asCmarkGfm029(md) {
    // The rule list is internal to markdown-it (not in its typings); at() keeps the rule's place and alternatives.
    const rules = md.block.ruler.__rules__;
    const rule = rules.find(r => r.name === 'html_block');
    if (!rule)
        return;
    const original = rule.fn;
    const html029 = (state, startLine, endLine, silent) => {
        const start = state.bMarks[startLine] + state.tShift[startLine];
        // Most lines do not start with `<`: no slice for them (this rule is tried at every block start).
        if (state.src.charCodeAt(start) === 0x3c && state.sCount[startLine] - state.blkIndent < 4) {
            const text = state.src.slice(start, state.eMarks[startLine]);
            if (/^<![a-z]/.test(text))
                return false;
            if (TYPE7_IN_029.test(text)) {
                if (silent || !TAG_LINE.test(text))
                    return false; // type 7 cannot interrupt a paragraph
                let next = startLine + 1;
                while (next < endLine && state.sCount[next] >= state.blkIndent && !state.isEmpty(next))
                    next++;
                state.line = next;
                const token = state.push('html_block', '', 0);
                token.map = [startLine, next];
                token.content = state.getLines(startLine, next, state.blkIndent, true);
                return true;
            }
        }
        return original(state, startLine, endLine, silent);
    };
    md.block.ruler.at('html_block', html029, { alt: rule.alt });
}
/**
 * Two of markdown-it's rules, doing only the work whose result is read here
 * (same tokens, same line ranges):
 * - normalize: the text is already split at CR, CRLF and LF and joined with
 *   LF (sourceOf), so it is copied only when it holds a NUL (to U+FFFD);
 * - paragraph: the same line walk, without collecting the paragraph's text
 *   into its inline token (inline parsing is off; headings have their own).
 */
function withoutUnusedWork(md) {
    md.core.ruler.at('normalize', state => {
        let src = state.src;
        if (src.includes('\r'))
            src = src.replace(/\r\n?/g, '\n');
        if (src.includes('\0'))
            src = src.replace(/\0/g, '\uFFFD');
        state.src = src;
    });
    md.block.ruler.at('paragraph', (state, startLine, endLine) => {
        const oldParentType = state.parentType;
        state.parentType = 'paragraph';
        pushParagraph(state, startLine, paragraphEnd(state, startLine, endLine, false));
        state.parentType = oldParentType;
        return true;
    });
}
/**
 * The line after the paragraph that starts at startLine (markdown-it's walk:
 * up to a blank line or a line a block rule of the `paragraph` chain may
 * start, lazy continuation lines included). With `underline`, it stops
 * early at a setext underline (`===` or `---`) and returns its line as the
 * negative `-(line + 1)` (lheading's walk, which is the same walk).
 */
function paragraphEnd(state, startLine, endLine, underline) {
    const terminators = startRules(state.md.block.ruler, 'paragraph');
    const { src, bMarks, tShift, sCount, eMarks } = state;
    let nextLine = startLine + 1;
    for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
        // A lazy continuation line (however indented).
        if (sCount[nextLine] - state.blkIndent > 3)
            continue;
        const pos = bMarks[nextLine] + tShift[nextLine];
        const ch = src.charCodeAt(pos);
        if (underline && (ch === 0x3d || ch === 0x2d) && sCount[nextLine] >= state.blkIndent) {
            if (state.skipSpaces(state.skipChars(pos, ch)) >= eMarks[nextLine])
                return -(nextLine + 1);
        }
        // A line a block quote has checked already.
        if (sCount[nextLine] < 0)
            continue;
        const rules = terminators[startIndex(state, nextLine)];
        let terminate = false;
        for (let i = 0; i < rules.length && !terminate; i++)
            terminate = rules[i](state, nextLine, endLine, true);
        if (terminate)
            break;
    }
    return nextLine;
}
/** The paragraph's tokens, without its text (inline parsing is off). */
function pushParagraph(state, startLine, nextLine) {
    state.line = nextLine;
    state.push('paragraph_open', 'p', 1).map = [startLine, nextLine];
    const inline = state.push('inline', '', 0);
    inline.map = [startLine, nextLine];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
}
/** markdown-it's asciiTrim: spaces, tabs and line ends at both ends (other Unicode spaces kept). */
function asciiTrim(s) {
    const trimmable = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    let start = 0;
    while (start < s.length && trimmable(s.charCodeAt(start)))
        start++;
    let end = s.length;
    while (end > start && trimmable(s.charCodeAt(end - 1)))
        end--;
    return s.slice(start, end);
}
/**
 * The characters a line must start with (after its indent) for each of
 * markdown-it's block rules that test one: at any other such a rule
 * returns false before it changes anything. A rule not named here (code,
 * lheading, paragraph) is always tried.
 */
const FIRST_CHARS = {
    fence: '`~',
    blockquote: '>',
    hr: '*-_',
    list: '*-+0123456789',
    reference: '[',
    html_block: '<',
    heading: '#'
};
/** The same for the line after: a table's delimiter row starts with `|`, `-` or `:`. */
const NEXT_LINE_CHARS = { table: '|-:' };
/**
 * Per chain: the chain's rules, in order, that may start at a line, by the
 * first character of the line (index 0-127; 128: any other) and whether the
 * next line may be a table's delimiter row (+129).
 */
const startRulesCache = new WeakMap();
function startRules(ruler, chain) {
    const rules = ruler.getRules(chain);
    let byChar = startRulesCache.get(rules);
    if (!byChar) {
        const names = new Map(ruler.__rules__.map(r => [r.fn, r.name]));
        const may = (chars, c) => chars === undefined || (c < 128 && chars.includes(String.fromCharCode(c)));
        byChar = [];
        for (const next of ['', '|']) {
            for (let c = 0; c <= 128; c++) {
                byChar.push(rules.filter(fn => may(FIRST_CHARS[names.get(fn) ?? ''], c) && may(NEXT_LINE_CHARS[names.get(fn) ?? ''], next.charCodeAt(0) || 128)));
            }
        }
        startRulesCache.set(rules, byChar);
    }
    return byChar;
}
/** The index into startRules' lists for a line: its first character, and the next line's. */
function startIndex(state, line) {
    const { src, bMarks, tShift } = state;
    const ch = src.charCodeAt(bMarks[line] + tShift[line]);
    // The next line always has marks (the last line is followed by markdown-it's empty one); NaN past the end.
    const next = src.charCodeAt(bMarks[line + 1] + tShift[line + 1]);
    return (ch < 128 ? ch : 128) + (next === 0x7c || next === 0x2d || next === 0x3a ? 129 : 0);
}
/**
 * Two changes that leave the tokens as they are:
 * - markdown-it's block loop, trying at each block start only the rules
 *   that may start at its first character (startRules);
 * - lheading and paragraph in one rule: lheading walks a paragraph's lines
 *   looking for a setext underline and, when there is none, leaves the same
 *   walk to the paragraph rule; here the one walk gives the heading, or
 *   the paragraph.
 */
function onlyRulesThatCanStart(md) {
    md.block.tokenize = function tokenize(state, startLine, endLine) {
        const byChar = startRules(this.ruler, '');
        const maxNesting = state.md.options.maxNesting ?? 100;
        let line = startLine;
        let hasEmptyLines = false;
        while (line < endLine) {
            state.line = line = state.skipEmptyLines(line);
            if (line >= endLine)
                break;
            // Termination condition for nested calls (block quotes and lists).
            if (state.sCount[line] < state.blkIndent)
                break;
            // Past the maximum nesting, the rest is skipped.
            if (state.level >= maxNesting) {
                state.line = endLine;
                break;
            }
            const prevLine = state.line;
            const rules = byChar[startIndex(state, line)];
            let ok = false;
            for (let i = 0; i < rules.length; i++) {
                ok = rules[i](state, line, endLine, false);
                if (ok) {
                    if (prevLine >= state.line)
                        throw new Error("block rule didn't increment state.line");
                    break;
                }
            }
            if (!ok)
                throw new Error('none of the block rules matched');
            // An empty line before the current block makes the list loose (the latest one does not count).
            state.tight = !hasEmptyLines;
            // A paragraph may take one empty line after it in nested lists.
            if (state.isEmpty(state.line - 1))
                hasEmptyLines = true;
            line = state.line;
            if (line < endLine && state.isEmpty(line)) {
                hasEmptyLines = true;
                line++;
                state.line = line;
            }
        }
    };
    md.block.ruler.at('lheading', (state, startLine, endLine) => {
        if (state.sCount[startLine] - state.blkIndent >= 4)
            return false;
        const oldParentType = state.parentType;
        state.parentType = 'paragraph';
        const end = paragraphEnd(state, startLine, endLine, true);
        if (end >= 0) {
            pushParagraph(state, startLine, end);
        }
        else {
            const underline = -end - 1;
            const marker = state.src.charCodeAt(state.bMarks[underline] + state.tShift[underline]);
            const tag = marker === 0x3d ? 'h1' : 'h2';
            state.line = underline + 1;
            const open = state.push('heading_open', tag, 1);
            open.markup = String.fromCharCode(marker);
            open.map = [startLine, state.line];
            const inline = state.push('inline', '', 0);
            inline.content = asciiTrim(state.getLines(startLine, underline, state.blkIndent, false));
            inline.map = [startLine, state.line - 1];
            inline.children = [];
            state.push('heading_close', tag, -1).markup = String.fromCharCode(marker);
        }
        state.parentType = oldParentType;
        return true;
    });
}
/**
 * markdown-it's StateBlock, with the line marks (start, end, indent in
 * characters and in columns) found by jumping from line end to line end
 * (indexOf) instead of visiting every character. As markdown-it does, a
 * last line of only spaces and tabs without a line end is no line.
 * The fields are markdown-it's, set in its order; the methods are its own.
 */
function LineMarksState(src, md, env, tokens) {
    this.src = src;
    this.md = md;
    this.env = env;
    this.tokens = tokens;
    const bMarks = (this.bMarks = []);
    const eMarks = (this.eMarks = []);
    const tShift = (this.tShift = []);
    const sCount = (this.sCount = []);
    const bsCount = (this.bsCount = []);
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.ddIndent = -1;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    const len = src.length;
    let pos = 0;
    while (pos < len) {
        const start = pos;
        let indent = 0;
        let offset = 0;
        let ch = src.charCodeAt(pos);
        while (ch === 0x20 || ch === 0x09) {
            indent++;
            offset += ch === 0x09 ? 4 - (offset % 4) : 1;
            ch = src.charCodeAt(++pos); // NaN past the end
        }
        if (pos >= len)
            break;
        const lf = src.indexOf('\n', pos);
        const end = lf < 0 ? len : lf;
        bMarks.push(start);
        eMarks.push(end);
        tShift.push(indent);
        sCount.push(offset);
        bsCount.push(0);
        pos = end + 1;
    }
    // The fake last line markdown-it's rules rely on.
    bMarks.push(len);
    eMarks.push(len);
    tShift.push(0);
    sCount.push(0);
    bsCount.push(0);
    this.lineMax = bMarks.length - 1;
}
LineMarksState.prototype = state_block/* default */.A.prototype;

// EXTERNAL MODULE: ./src/engine/rst/scan.ts + 8 modules
var scan = __webpack_require__(9875);
;// CONCATENATED MODULE: ./src/engine/markdown/front-matter.ts
const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
/** A top-level `key:` line of a YAML block mapping (plain or quoted key). */
const KEY_LINE = /^(?:"((?:[^"\\]|\\.)*)"[ \t]*|'((?:[^']|'')*)'[ \t]*|([^\s#:'"\-?[\]{}|>&*!%@`,][^:#]*|-[^\s:#][^:#]*)):(?:[ \t]|$)/;
/** Index of the closing line, or -1 when the text has no front matter. */
function frontMatterEnd(lines) {
    if (lines.length < 2 || !OPEN.test(lines[0]))
        return -1;
    for (let i = 1; i < lines.length; i++)
        if (CLOSE.test(lines[i]))
            return i;
    return -1;
}
/**
 * The front matter of these lines, or undefined when there is none. Keys are
 * read from the unindented `key:` lines (a YAML block mapping), without a
 * YAML parser: the action only needs which keys are there. A line at the
 * left margin that is neither a key, a comment nor blank is reported.
 */
function readFrontMatter(lines) {
    const end = frontMatterEnd(lines);
    if (end < 0)
        return undefined;
    const fm = { line: 1, endLine: end + 1, keys: [] };
    for (let i = 1; i < end; i++) {
        const l = lines[i];
        if (/^(?:[ \t]|#|$)/.test(l))
            continue;
        const m = KEY_LINE.exec(l);
        if (m)
            fm.keys.push({ key: m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3].trim(), line: i + 1 });
        else if (/^- /.test(l) && fm.keys.length)
            continue; // a sequence under the previous key, written at the margin
        else
            fm.error ??= `front matter line ${i + 1} is not a "key: value" line`;
    }
    return fm;
}

;// CONCATENATED MODULE: ./src/engine/markdown/parse.ts



const BLOCK_KIND = {
    paragraph_open: 'prose',
    fence: 'code',
    code_block: 'code',
    table_open: 'table',
    bullet_list_open: 'list',
    ordered_list_open: 'list',
    blockquote_open: 'quote',
    hr: 'rule'
};
/** One or more `<!-- ... -->` and nothing else; each comment stops at its first `-->` (no backtracking across comments). */
const ONLY_COMMENTS = /^(?:\s*<!--(?:(?!-->)[\s\S])*-->)+\s*$/;
/** Parses Markdown text (already decoded; a leading BOM is ignored). */
function parseMarkdown(text) {
    const { lines, frontMatter, fmEnd, md, env, tokens } = blockTokens(text);
    const verbatim = new Array(lines.length).fill(false);
    for (let l = 0; l <= fmEnd; l++)
        verbatim[l] = true;
    const sections = [];
    const preamble = [];
    let current;
    for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i];
        const map = tok.map;
        if (!map)
            continue;
        const type = tok.type;
        if (type === 'heading_open') {
            current = heading(tok, tokens[i + 1], lines, md, env);
            sections.push(current);
            continue;
        }
        const code = type === 'fence' || type === 'code_block';
        if (code || type === 'html_block') {
            for (let l = map[0]; l < map[1] && l < verbatim.length; l++)
                verbatim[l] = true;
        }
        if (tok.level !== 0)
            continue;
        const b = block(tok, type, code, lines);
        if (b)
            (current ? current.blocks : preamble).push(b);
    }
    const roots = buildTree(sections, lines.length);
    return { format: 'markdown', lines, sections, roots, preamble, verbatim, problems: [], ...(frontMatter ? { frontMatter } : {}) };
}
/**
 * Only the headings (as parseMarkdown gives them, without body ranges,
 * blocks or tree) and the front matter: what `--outline` shows.
 */
function parseHeadings(text) {
    const { lines, frontMatter, md, env, tokens } = blockTokens(text);
    const sections = [];
    for (let i = 0; i < tokens.length; i++) {
        if (tokens[i].type === 'heading_open')
            sections.push(heading(tokens[i], tokens[i + 1], lines, md, env));
    }
    return frontMatter ? { sections, frontMatter } : { sections };
}
/** The text's lines, its front matter, and markdown-it's block tokens for the rest. */
function blockTokens(text) {
    const lines = (0,scan/* splitLines */.uz)(text);
    const frontMatter = readFrontMatter(lines);
    const fmEnd = frontMatter ? frontMatter.endLine - 1 : -1;
    const md = markdownIt();
    const env = {};
    const tokens = md.parse(sourceOf(text, lines, fmEnd), env);
    return { lines, frontMatter, fmEnd, md, env, tokens };
}
/**
 * The text markdown-it reads: the lines joined with "\n", front matter
 * lines blank. Without a CR in the text, that is the text itself (less its
 * final line end), so it is sliced rather than joined again line by line.
 */
function sourceOf(text, lines, fmEnd) {
    if (text.includes('\r') || fmEnd >= lines.length - 1)
        return (fmEnd < 0 ? lines : lines.map((l, i) => (i <= fmEnd ? '' : l))).join('\n');
    let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let i = 0; i <= fmEnd; i++)
        from = text.indexOf('\n', from) + 1;
    const to = text.endsWith('\n') ? text.length - 1 : text.length;
    const body = from <= to ? text.slice(from, to) : '';
    return fmEnd < 0 ? body : '\n'.repeat(fmEnd + 1) + body;
}
function heading(open, inline, lines, md, env) {
    const [start, after] = open.map;
    const setext = open.markup.charCodeAt(0) !== 0x23; // '#'
    const content = inline.content;
    const rawTitle = content.includes('\n') ? content.split('\n').map(l => l.trim()).join(' ').trim() : content.trim();
    let shown = content;
    if (INLINE_START.test(content) || (content.includes('[') && (env.references !== undefined || content.includes('](')))) {
        const children = [];
        md.inline.parse(content, md, env, children);
        shown = plainText(children);
    }
    const style = setext ? 'setext' : 'atx';
    // Key order as before (kind, style, underline or closed, nested): the outline's JSON shows it.
    const format = { kind: 'markdown', style };
    if (setext)
        format.underline = after;
    else if (closedAtx(lines[start] ?? ''))
        format.closed = true;
    if (open.level > 0)
        format.nested = true;
    return {
        title: FOLD.test(shown) ? shown.replace(/\s+/g, ' ').trim() : shown.trim(),
        rawTitle,
        level: open.tag.charCodeAt(1) - 0x30, // h1 ... h6
        line: start + 1,
        bodyStart: after + 1,
        bodyEnd: 0,
        end: 0,
        underline: setext ? after : start + 1,
        style,
        blocks: [],
        children: [],
        format
    };
}
/** Whitespace that folding to one space changes: any but a single space (two spaces, a tab, a line end, U+00A0, ...). */
const FOLD = /[^\S ]| {2}/;
/** An ATX heading line with a closing sequence (`## Title ##`, or `## ##`): it ends in `#` before any spaces and tabs. */
function closedAtx(line) {
    let end = line.length;
    while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09))
        end--;
    return end > 0 && line.charCodeAt(end - 1) === 0x23 && CLOSED_ATX.test(line);
}
const CLOSED_ATX = /[ \t]#+[ \t]*$|^[ \t]*#+[ \t]*#+[ \t]*$/;
/**
 * The characters an inline rule of markdown-it (linkify off) can start at:
 * line breaks, escapes, code spans, strikethrough, emphasis, images,
 * autolinks and HTML, entities; and links, `[`, which are links only before
 * `(` or with reference definitions in the document (`[optional]` is text).
 * A heading without any of them is one text token, its content as written,
 * so it is not parsed.
 */
const INLINE_START = /[\n\\`~*_!<&]/;
/** Inline tokens -> the text GitHub shows: text (escapes and entities decoded), code spans and image descriptions; HTML tags dropped. */
function plainText(tokens) {
    let out = '';
    for (const t of tokens) {
        if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline')
            out += t.content;
        else if (t.type === 'softbreak' || t.type === 'hardbreak')
            out += ' ';
        else if (t.type === 'image')
            out += plainText(t.children ?? []);
        else if (t.type === 'html_inline' && /^<![a-z]/.test(t.content))
            out += t.content; // text for CommonMark 0.29 (declarations need an upper-case letter)
    }
    return out;
}
function block(tok, type, code, lines) {
    let kind = BLOCK_KIND[type];
    if (type === 'html_block')
        kind = ONLY_COMMENTS.test(tok.content) ? 'comment' : 'html';
    if (!kind)
        return undefined;
    const start = tok.map[0];
    let end = tok.map[1];
    while (end > start + 1 && !NOT_BLANK.test(lines[end - 1] ?? ''))
        end--; // lists and quotes end after a blank line
    const text = code ? tok.content.replace(/\n$/, '') : end - start === 1 ? (lines[start] ?? '') : lines.slice(start, end).join('\n');
    const b = { kind, line: start + 1, endLine: Math.max(start + 1, end), text };
    if (type === 'fence')
        b.lang = tok.info.trim().split(/\s+/)[0] ?? '';
    return b;
}
/** A character trim() keeps: the line is not blank. */
const NOT_BLANK = /\S/;
/** Sets body ranges, ends and parents; returns the sections that have no parent. */
function buildTree(sections, lineCount) {
    const roots = [];
    const stack = [];
    for (let i = 0; i < sections.length; i++) {
        const s = sections[i];
        const next = sections[i + 1];
        s.bodyEnd = next ? next.line - 1 : lineCount;
        while (stack.length && stack[stack.length - 1].level >= s.level)
            stack.pop().end = s.line - 1;
        const parent = stack[stack.length - 1];
        if (parent) {
            s.parent = parent;
            parent.children.push(s);
        }
        else {
            roots.push(s);
        }
        stack.push(s);
    }
    for (const s of stack)
        s.end = lineCount;
    return roots;
}


/***/ })

};
