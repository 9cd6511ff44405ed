// Search page: queries the Pagefind index (the shards under pagefind/) and lists the results.
// The form works without JavaScript too: it submits ?q= to this page.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) { return; }
  // An absolute path: Pagefind fetches a merged shard from its worker, which would resolve a
  // relative one against the worker's own folder (pagefind/0/), not this page.
  var bundle = new URL(form.dataset.bundle, document.baseURI).pathname;
  var engine = null;

  // The index comes in shards (shards.json lists them): the first is loaded, the others
  // merged into it, so one search covers them all.
  function load() {
    if (!engine) {
      var options = { baseUrl: form.dataset.base };
      engine = fetch(bundle + "shards.json").then(function (r) { return r.json(); })
        .then(function (shards) {
          if (!shards.length) { return null; }  // nothing indexed yet
          return import(bundle + shards[0] + "pagefind.js").then(function (pf) {
            return pf.options(options).then(function () {
              return Promise.all(shards.slice(1).map(function (shard) {
                return pf.mergeIndex(bundle + shard, options);
              }));
            }).then(function () { return pf; });
          });
        });
    }
    return engine;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "search-result";
    link.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.className = "meta";
    excerpt.textContent = data.excerpt.replace(/<[^>]*>/g, "");
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function run(query) {
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (pf) { return pf ? pf.search(query) : { results: [] }; })
      .then(function (found) {
        return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        results.forEach(function (data) { list.appendChild(item(data)); });
        status.textContent = results.length ? results.length + " result" +
          (results.length === 1 ? "" : "s") + " for “" + query + "”" : "Nothing found for “" + query + "”";
      })
      .catch(function () { status.textContent = "Search is not available on this copy of the site."; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    run(query);
  });
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  run(initial.trim());
}());
