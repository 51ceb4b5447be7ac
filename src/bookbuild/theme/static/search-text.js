/* Search result snippets from the chapter's text. Sphinx takes a page's text
   from [role="main"], which in this theme also holds the page's header buttons
   (".md", ".pdf", ...), its print-only contents and, under the title, the
   notebook's buttons ("Colab에서 열기"): leave those out. Loaded on the search
   page only. */
(() => {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page
      .querySelectorAll("#jb-print-docs-body, .bd-header-article, .bd-sidebar-secondary, .prev-next-footer, .bd-footer-content, .notebook-buttons")
      .forEach((element) => element.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
})();
