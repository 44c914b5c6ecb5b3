/* Links that work when the handbook is opened straight from disk (file://), on every page.
 *
 * mkdocs writes links to folders (reviews/, search/); a web server answers those with the folder's
 * index.html, but a browser reading files shows a bare folder listing. Opened from disk, every link
 * and form to a folder is pointed at its index.html — also links added later (search results), at
 * the moment they are clicked. Served over http(s) nothing changes.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function diskUrl(href) {
    const url = new URL(href, location.href);
    if (url.protocol === "file:" && url.pathname.endsWith("/")) url.pathname += "index.html";
    return url.href;
  }

  function isPageLink(link) {
    return !link.getAttribute("href").startsWith("#");
  }

  function fixAll() {
    for (const link of document.querySelectorAll("a[href]")) if (isPageLink(link)) link.href = diskUrl(link.href);
    for (const form of document.querySelectorAll("form[action]")) form.action = diskUrl(form.action);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fixAll);
  else fixAll();
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (link && isPageLink(link)) link.href = diskUrl(link.href);
  }, true);
})();
