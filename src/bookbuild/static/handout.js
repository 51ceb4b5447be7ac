// Printing shows what the screen keeps folded, and lets long code break across
// pages (bookbuild/handout.py, handout.css).
const HANDOUT_LONG_LINES = 30;

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
