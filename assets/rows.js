// Data pages: when the address names a row (#row-...), open the folded "All rows"
// block holding it and scroll the row into view; a browser does not scroll to an
// element inside a closed <details>. Included only by the generated Data pages.
(function () {
  "use strict";
  var marked = null;

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("row-") !== 0) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var block = target.closest("details"); block; block = block.parentElement.closest("details")) {
      block.open = true;
    }
    var row = target.closest("tr") || target;
    if (marked && marked !== row) marked.style.outline = "";
    // Outlined in the text colour, so the mark needs no colour of its own.
    row.style.outline = "3px solid currentColor";
    row.style.outlineOffset = "-3px";
    marked = row;
    row.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", reveal);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
  // Quarto's own scripts may move the page after load; place the row once more then.
  window.addEventListener("load", reveal);
})();
