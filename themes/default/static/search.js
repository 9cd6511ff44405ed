// Starts Pagefind's search UI on the search page and runs the query from ?q=.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({ element: "#search", bundlePath: box.dataset.bundle, showImages: false, resetStyles: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});
