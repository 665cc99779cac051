// The query page: YASGUI (when installed) with the canned queries in a list beside it.
// window.uprgraphQueryPage exposes the editor and a pick(name) function for tests and the console.
(function () {
  "use strict";
  var page = document.getElementById("query-page");
  var queries = JSON.parse(document.getElementById("canned-data").textContent);
  var byName = {};
  queries.forEach(function (q) { byName[q.name] = q; });
  var endpoint = new URL(page.getAttribute("data-endpoint"), window.location.href).href;
  var api = { queries: queries, yasgui: null, pick: null };

  function mark(name) {
    var buttons = document.querySelectorAll(".canned-query");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].classList.toggle("active", buttons[i].getAttribute("data-name") === name);
    }
  }

  if (page.getAttribute("data-yasgui") === "yes" && window.Yasgui) {
    var yasgui = new window.Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,          // nothing kept in the browser's storage between visits
      populateFromUrl: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
      // Only the completers that need no remote service (the others ask prefix.cc and LOV online).
      yasqe: { autocompleters: ["variables", "prefixes"], resizeable: true, editorHeight: "360px" },
    });
    api.yasgui = yasgui;
    api.pick = function (name) {
      var q = byName[name];
      if (!q) { return false; }
      var tab = yasgui.getTab();
      tab.setEndpoint(endpoint);
      tab.setQuery(q.query);
      tab.setName(q.name);
      mark(name);
      tab.query();
      return true;
    };
    var first = yasgui.getTab();
    if (first && !first.getQuery().trim()) { first.setQuery(queries.length ? queries[0].query : ""); }
  } else {
    var area = document.getElementById("fallback-query");
    api.pick = function (name) {
      var q = byName[name];
      if (!q) { return false; }
      area.value = q.query;
      mark(name);
      return true;
    };
  }

  document.getElementById("canned-list").addEventListener("click", function (event) {
    var button = event.target.closest(".canned-query");
    if (button) { api.pick(button.getAttribute("data-name")); }
  });
  window.uprgraphQueryPage = api;
  document.body.setAttribute("data-ready", "1");
})();
