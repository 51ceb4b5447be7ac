// Printing shows what the screen keeps folded, and lets long code break across
// pages (bookbuild/handout.py, handout.css).
const HANDOUT_LONG_LINES = 30;
// Words bookbuild/pdf.js writes into a print. Here, in a file of the site, so that
// the Hangul web font (bookbuild.fonts, cut down to the site's characters) draws them.
window.HANDOUT_WORDS = {noSolutions: "해답 없는 판", chapterContents: "이 장의 차례"};

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details")) {
    details.open = true;
  }
  for (const pre of document.querySelectorAll("pre")) {
    if (pre.textContent.split("\n").length > HANDOUT_LONG_LINES) {
      for (let box = pre; box && !box.matches("article, section"); box = box.parentElement) {
        box.classList.add("handout-long");
      }
    }
  }
});
