// The SPARQL editor: YASGUI (served from this server, no CDN) on this server's endpoint,
// with the named queries of queries/ one choice away.
(function () {
  "use strict";
  const queries = JSON.parse(document.getElementById("named-queries").textContent);
  const endpoint = new URL("/sparql", window.location.href).toString();
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null, // start from the named queries each time, not from a stored session
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    // only the completers that need no network: prefixes (bundled) and the query's own variables;
    // the class and property completers would ask lov.linkeddata.es
    yasqe: { autocompleters: ["prefixes", "variables"] },
  });
  const select = document.getElementById("named");
  const description = document.getElementById("named-description");
  function load(index) {
    const q = queries[index];
    if (!q) return;
    const tab = yasgui.getTab();
    tab.setQuery(q.text);
    tab.setName(q.name);
    description.textContent = q.description;
  }
  select.addEventListener("change", () => load(select.value));
  const wanted = new URLSearchParams(window.location.search).get("query");
  const start = queries.findIndex((q) => q.name === wanted);
  select.value = String(start >= 0 ? start : 0);
  load(select.value);
})();
