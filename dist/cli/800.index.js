export const id = 800;
export const ids = [800];
export const modules = {

/***/ 6800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   markdownOutline: () => (/* binding */ markdownOutline)
/* harmony export */ });
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4036);
/**
 * What `--outline` prints for a Markdown file: the headings GitHub renders
 * (level, line of the heading text, plain title), in document order.
 */

function markdownOutline(text) {
    const doc = (0,_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseHeadings */ .Z)(text);
    return {
        format: 'markdown',
        sections: doc.sections.map(s => ({ level: s.level, line: s.line, title: s.title })),
        ...(doc.frontMatter ? { frontMatter: doc.frontMatter.keys.map(k => k.key) } : {})
    };
}


/***/ })

};
