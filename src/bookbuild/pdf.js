// One print of the single page (bookbuild/pdf.py calls this with page.evaluate):
// the class handout, or one chapter, each with or without the solutions.
//
// options = {
//   chapter: "book/x" | null,    // one chapter, or the whole book
//   leaveOut: ["book/api"],      // chapters not in the whole book (handout_leave_out)
//   solutions: true | false,     // false: the exercise sheet, every solution left out
//   baseurl: "https://.../",     // the site: where a link to a part not printed goes
//   root: "book/index",          // the root page's docname
//   chapterTitle: "3. 비용 함수" // the chapter's number and title (for its line)
// }
//
// The page as loaded (typeset, fonts in, folded content open) is kept the first
// time, and every print starts again from a copy of it. Returns what was left
// out, for the caller's checks.
(options) => {
  const ARTICLE = "article.bd-article";
  window.__handoutPristine ??= document.querySelector(ARTICLE).cloneNode(true);
  document.querySelector(ARTICLE).replaceWith(window.__handoutPristine.cloneNode(true));
  document.getElementById("handout-print-style")?.remove();
  document.body.classList.remove("handout-chapter", "handout-no-solutions");
  const article = document.querySelector(ARTICLE);
  const words = window.HANDOUT_WORDS;  // from handout.js

  // Which page of the site each id is on (a chapter's pages are inlined after their marker).
  const pageOf = new Map();
  for (const element of article.querySelectorAll("[id]")) pageOf.set(element.id, options.root);
  const markers = [...article.querySelectorAll('span[id^="document-"]')];
  for (const marker of markers) {
    const docname = marker.id.slice("document-".length);
    const section = marker.nextElementSibling;
    pageOf.set(marker.id, docname);
    if (section) for (const element of [section, ...section.querySelectorAll("[id]")]) pageOf.set(element.id, docname);
  }
  const chapterMarker = (docname) => article.querySelector(`span[id="document-${CSS.escape(docname)}"]`);
  const removeChapter = (marker) => {
    marker.nextElementSibling?.remove();
    marker.remove();
  };

  const removed = {chapters: [], solutions: 0};
  let kept = null;
  if (options.chapter) {
    const marker = chapterMarker(options.chapter);
    if (!marker || !marker.nextElementSibling) throw new Error(`no chapter ${options.chapter} in the single page`);
    kept = marker.nextElementSibling;
    // Everything on the way up to the article that is not this chapter goes: cover, contents, front matter, other chapters.
    const line = {
      book: article.querySelector(".handout-cover-title")?.textContent ?? "",
      date: article.querySelector(".handout-cover-date")?.textContent ?? "",
    };
    for (let node = kept; node !== article; node = node.parentElement) {
      for (const sibling of [...node.parentElement.children]) {
        if (sibling !== node && sibling !== marker) sibling.remove();
      }
    }
    removed.chapters = markers.filter((m) => m !== marker && !kept.contains(m)).map((m) => m.id.slice(9));
    document.body.classList.add("handout-chapter");

    const heading = kept.querySelector("h1");
    const top = document.createElement("div");
    top.className = "handout-chapter-line handout-print-only";
    const left = document.createElement("p");
    left.textContent = `${line.book} · ${options.chapterTitle}`;
    const right = document.createElement("p");
    right.textContent = [line.date, options.solutions ? "" : words.noSolutions].filter(Boolean).join(" · ");
    top.append(left, right);
    kept.insertBefore(top, heading);

    // The chapter's contents: its sections, page numbers filled in by bookbuild/pdf.py.
    const nav = document.createElement("nav");
    nav.className = "handout-toc handout-chapter-toc handout-print-only";
    nav.setAttribute("aria-label", words.chapterContents);
    nav.innerHTML = '<p class="handout-toc-title"></p><ul></ul>';
    nav.querySelector("p").textContent = words.chapterContents;
    for (const section of kept.querySelectorAll(":scope > section[id]")) {
      const h2 = section.querySelector(":scope > h2");
      if (!h2) continue;
      const title = h2.cloneNode(true);
      title.querySelectorAll(".headerlink").forEach((link) => link.remove());
      title.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      const item = document.createElement("li");
      item.innerHTML = `<a href="#${CSS.escape(section.id)}"><span class="handout-toc-text"></span>` +
        '<span class="handout-toc-leader"></span><span class="handout-toc-page"></span></a>';
      item.querySelector(".handout-toc-text").append(...title.childNodes);
      nav.querySelector("ul").append(item);
    }
    if (nav.querySelector("li")) heading.after(nav);
    // A chapter's first page is a page like the others: numbered.
    const style = document.createElement("style");
    style.id = "handout-print-style";
    style.textContent = "@page :first { @bottom-center { content: counter(page); } }";
    document.head.append(style);
  } else {
    for (const docname of options.leaveOut) {
      const marker = chapterMarker(docname);
      if (!marker) throw new Error(`no chapter ${docname} in the single page`);
      removeChapter(marker);
      removed.chapters.push(docname);
    }
    for (const wrapper of article.querySelectorAll(".toctree-wrapper")) {
      if (!wrapper.querySelector("section")) wrapper.remove();
    }
    if (!options.solutions) {
      const subtitle = article.querySelector(".handout-cover-subtitle");
      const variant = document.createElement("p");
      variant.className = "handout-cover-variant";
      variant.textContent = words.noSolutions;
      subtitle?.after(variant);
    }
  }

  if (!options.solutions) {
    document.body.classList.add("handout-no-solutions");
    for (const solution of article.querySelectorAll("div.solution")) {
      solution.remove();
      removed.solutions += 1;
    }
  }

  // A link to a part not printed goes to that part on the site (or, without a site, is plain text).
  for (const link of article.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(link.hash.slice(1));
    if (!id || document.getElementById(id)) continue;
    const page = pageOf.get(id);
    if (options.baseurl && page) {
      link.href = `${options.baseurl}${page}.html${id.startsWith("document-") ? "" : "#" + id}`;
    } else {
      link.replaceWith(...link.childNodes);
    }
  }
  removed.left = {
    solutions: article.querySelectorAll("div.solution").length,
    chapters: article.querySelectorAll('span[id^="document-"]').length,
  };
  return removed;
}
