export const id = 835;
export const ids = [835];
export const modules = {

/***/ 5216:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readMarkdown: () => (/* binding */ readMarkdown)
/* harmony export */ });
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4036);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2710);
/**
 * The Markdown reader the checks use: the parsed document, with the
 * `(Optional)` / `[optional]` marker taken out of each heading's title (a
 * spec may keep or drop it; the template's marker says the section may be
 * left out). `rawTitle` keeps the heading as written. `--outline` shows the
 * titles as GitHub renders them (parse.ts), markers included.
 */


function readMarkdown(text) {
    const doc = (0,_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMarkdown */ .D)(text);
    for (const s of doc.sections) {
        if (!/optional/i.test(s.title))
            continue;
        const { title, optional } = (0,_template_js__WEBPACK_IMPORTED_MODULE_1__/* .stripOptionalMarker */ .$m)(s.title);
        if (!optional)
            continue;
        s.format.shownTitle = s.title;
        s.title = title;
        s.format.optionalMarker = true;
    }
    return doc;
}


/***/ })

};
