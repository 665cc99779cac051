/* uprgraph explorer: draws the data embedded in #explorer-data with vis-network (embedded above).
   No network access: everything the page needs is in the file. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("explorer-data").textContent);
  var NODES = DATA.nodes;
  var PARAS = DATA.paragraphs;
  var TYPES = {};
  DATA.types.forEach(function (t) { TYPES[t.key] = t; });
  var DIM = { background: "#ececec", border: "#d6d6d6" };
  var BASE_SIZE = { theme: 20, recommendation: 8, legal: 9, policy: 9, treaty: 11, institution: 8, visit: 11 };
  var CONTEXT_COLOR = "#0072B2";

  // ------------------------------------------------------------------ helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "onclick") node.addEventListener("click", attrs[k]);
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1).trimEnd() + "\u2026" : text; }
  function typeLabel(node) { return TYPES[node.type].label; }

  // Neighbours over the drawn edges.
  var adjacent = NODES.map(function () { return []; });
  DATA.edges.forEach(function (e) { adjacent[e[0]].push(e[1]); adjacent[e[1]].push(e[0]); });

  // Nodes reported under a recommendation or recommendations an entity is reported under: drawn
  // only for the selected node (and the recommendation filter), as dashed "context" edges.
  function contextOf(id) {
    var n = NODES[id];
    if (n.type === "recommendation") return n.reported || [];
    if (n.type === "theme") return [];
    return n.recommendations || [];
  }

  // ------------------------------------------------------------------ the network
  function baseColor(n) {
    var c = TYPES[n.type].color;
    return { background: c, border: n.type === "theme" ? "#111111" : "#ffffff",
             highlight: { background: c, border: "#000000" }, hover: { background: c, border: "#000000" } };
  }
  var showLabels = true;
  // dimmed: a node unrelated to the selection; emphasised: one related to it (a larger label, so the
  // neighbourhood stays readable when the view is zoomed out to show all of it).
  function visNode(n, dimmed, emphasised) {
    var degree = adjacent[n.id].length + (n.type === "recommendation" ? 0 : (n.recommendations || []).length / 4);
    var label = n.type === "theme" ? short(n.label, 34) : short(n.label, 26);
    return {
      id: n.id,
      // With a selection, only the related nodes (and the themes, as landmarks) keep their labels.
      label: showLabels && (!dimmed || n.type === "theme") ? label : "",
      title: typeLabel(n) + ": " + (n.name || n.label),
      shape: TYPES[n.type].shape,
      size: BASE_SIZE[n.type] + Math.min(10, Math.sqrt(degree) * 1.5),
      borderWidth: n.type === "theme" ? 2 : 1,
      color: dimmed ? { background: DIM.background, border: DIM.border,
                        highlight: { background: DIM.background, border: "#000000" },
                        hover: { background: DIM.background, border: "#000000" } } : baseColor(n),
      font: { size: emphasised ? 19 : n.type === "theme" ? 16 : 13, color: dimmed ? "#b0b0b0" : "#1a1a1a",
              strokeWidth: 3, strokeColor: "#ffffff" },
      hidden: false
    };
  }
  var nodeSet = new vis.DataSet(NODES.map(function (n) { return visNode(n, false); }));
  var edgeSet = new vis.DataSet(DATA.edges.map(function (e, i) {
    return { id: "e" + i, from: e[0], to: e[1], title: e[2],
             color: { color: "#b8b8b8", highlight: "#333333", hover: "#555555", opacity: 0.55 }, width: 0.6 };
  }));

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
    autoResize: true,
    layout: { randomSeed: 8, improvedLayout: false },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -45, centralGravity: 0.012, springLength: 70,
                          springConstant: 0.08, avoidOverlap: 0.3, damping: 0.5 },
      stabilization: { enabled: true, iterations: 600, updateInterval: 50, fit: true },
      minVelocity: 1.5
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
    nodes: { borderWidthSelected: 3 },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: true, hideEdgesOnZoom: true,
                   navigationButtons: false, keyboard: false, multiselect: false }
  });
  var loading = document.getElementById("loading");
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "Laying out the graph\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  // freeze: the layout stays put while filtering
    loading.style.display = "none";
    network.fit();
    document.body.setAttribute("data-ready", "1");
  });

  // ------------------------------------------------------------------ header, legend and filters
  var counts = DATA.types.filter(function (t) { return t.count; })
    .map(function (t) { return t.count + " " + (t.count === 1 ? t.label : t.plural).toLowerCase(); });
  var docs = DATA.documents || [];
  document.getElementById("summary").textContent =
    counts.join(" \u00b7 ") + (docs.length ? " \u2014 from " + docs.join(", ") : "");

  var enabledTypes = {};
  var legend = document.getElementById("legend");
  DATA.types.forEach(function (t) {
    enabledTypes[t.key] = true;
    var box = el("input", { type: "checkbox", "data-type": t.key });
    box.checked = true;
    box.addEventListener("change", function () { enabledTypes[t.key] = box.checked; applyFilters(); });
    legend.appendChild(el("li", {}, [el("label", {}, [
      box, el("span", { "class": "swatch shape-" + t.shape, style: "background:" + t.color }), " " + t.label,
      el("span", { "class": "count", text: String(t.count) })])]));
  });

  var themeFilter = document.getElementById("theme-filter");
  var recFilter = document.getElementById("rec-filter");
  NODES.forEach(function (n) {
    if (n.type === "theme") themeFilter.appendChild(el("option", { value: String(n.id), text: short(n.label, 60) }));
    if (n.type === "recommendation")
      recFilter.appendChild(el("option", { value: String(n.id), text: n.label + (n.text ? " \u2014 " + short(n.text, 50) : "") }));
  });
  themeFilter.addEventListener("change", function () { applyFilters(); fitVisible(); });

  // Rights facets (UHRI themes, groups of persons, SDG goals): DATA.rights rows [kind, key, label, recommendation
  // ids]; choosing one leaves its recommendations and what is reported under them.
  var RIGHTS = DATA.rights || [];
  var rightFilter = document.getElementById("right-filter");
  [["theme", "UHRI themes"], ["group", "Groups of persons"], ["sdg", "Sustainable Development Goals"]].forEach(function (k) {
    var group = el("optgroup", { label: k[1] });
    RIGHTS.forEach(function (r, i) {
      if (r[0] === k[0]) group.appendChild(el("option", { value: String(i), text: short(r[2], 58) + " (" + r[3].length + ")" }));
    });
    if (group.children.length) rightFilter.appendChild(group);
  });
  rightFilter.addEventListener("change", function () { applyFilters(); fitVisible(); });
  function rightMembers(index) {
    var ids = [];
    RIGHTS[index][3].forEach(function (rec) { ids.push(rec); (NODES[rec].reported || []).forEach(function (x) { ids.push(x); }); });
    return ids;
  }
  recFilter.addEventListener("change", function () { applyFilters(); fitVisible(); });

  function allowedSet() {
    var allowed = null;
    function restrict(ids) {
      var s = new Set(ids);
      allowed = allowed === null ? s : new Set(Array.from(allowed).filter(function (x) { return s.has(x); }));
    }
    if (themeFilter.value !== "") {
      var t = NODES[+themeFilter.value];
      restrict([t.id].concat(t.recommendations, t.entities));
    }
    if (rightFilter.value !== "") restrict(rightMembers(+rightFilter.value));
    if (recFilter.value !== "") {
      var r = NODES[+recFilter.value];
      restrict([r.id].concat(r.reported, r.themes));
    }
    return allowed;
  }
  function isVisible(id, allowed) {
    return enabledTypes[NODES[id].type] && (allowed === null || allowed.has(id));
  }

  var selected = null;
  var contextEdgeIds = [];
  function applyFilters() {
    var allowed = allowedSet();
    var related = selected === null ? null : relatedSet(selected);
    nodeSet.update(NODES.map(function (n) {
      var v = visNode(n, related !== null && !related.has(n.id), related !== null && related.has(n.id));
      v.hidden = !isVisible(n.id, allowed);
      return v;
    }));
    drawContextEdges(allowed);
  }
  function relatedSet(id) {
    var s = new Set([id]);
    adjacent[id].forEach(function (x) { s.add(x); });
    contextOf(id).forEach(function (x) { s.add(x); });
    return s;
  }
  function drawContextEdges(allowed) {
    edgeSet.remove(contextEdgeIds);
    contextEdgeIds = [];
    var sources = [];
    if (selected !== null) sources.push(selected);
    if (recFilter.value !== "" && +recFilter.value !== selected) sources.push(+recFilter.value);
    var add = [];
    sources.forEach(function (src) {
      contextOf(src).forEach(function (dst) {
        if (!isVisible(dst, allowed)) return;
        var id = "c" + src + "-" + dst;
        contextEdgeIds.push(id);
        add.push({ id: id, from: src, to: dst, dashes: [4, 3], width: 1.2, title: "reported under",
                   color: { color: CONTEXT_COLOR, highlight: CONTEXT_COLOR, hover: CONTEXT_COLOR, opacity: 0.7 } });
      });
    });
    edgeSet.add(add);
  }
  function fitVisible() {
    var allowed = allowedSet();
    var ids = NODES.filter(function (n) { return isVisible(n.id, allowed); }).map(function (n) { return n.id; });
    network.fit({ nodes: ids, animation: false });
  }

  document.getElementById("show-labels").addEventListener("change", function (ev) {
    showLabels = ev.target.checked;
    applyFilters();
  });
  document.getElementById("reset").addEventListener("click", function () {
    themeFilter.value = ""; recFilter.value = ""; rightFilter.value = "";
    legend.querySelectorAll("input").forEach(function (b) { b.checked = true; enabledTypes[b.getAttribute("data-type")] = true; });
    selectNode(null);
    network.fit({ animation: false });
  });

  // ------------------------------------------------------------------ search
  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    NODES.forEach(function (n) {
      var label = n.label.toLowerCase();
      var name = (n.name || "").toLowerCase();
      var rank = label === q ? 0 : label.indexOf(q) === 0 ? 1 : label.indexOf(q) >= 0 ? 2 : name.indexOf(q) >= 0 ? 3 : -1;
      if (rank >= 0) found.push([rank, n.id]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.map(function (f) { return f[1]; });
  }
  function showResults() {
    results.textContent = "";
    var ids = matches(search.value);
    ids.slice(0, 12).forEach(function (id) {
      var n = NODES[id];
      results.appendChild(el("li", { role: "option", "data-node": String(id), onclick: function () { selectNode(id, true); } }, [
        el("span", { "class": "swatch shape-" + TYPES[n.type].shape, style: "background:" + TYPES[n.type].color }),
        " " + short(n.label, 48)]));
    });
    if (search.value.trim() && !ids.length) results.appendChild(el("li", { "class": "none", text: "no match" }));
    else if (ids.length > 12) results.appendChild(el("li", { "class": "none", text: "\u2026 and " + (ids.length - 12) + " more" }));
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      var ids = matches(search.value);
      if (ids.length) selectNode(ids[0], true);
    }
  });

  // ------------------------------------------------------------------ selection
  function selectNode(id, focus) {
    selected = id;
    if (id !== null && !isVisible(id, allowedSet())) {
      // The node is filtered out: show everything again rather than select something invisible.
      themeFilter.value = ""; recFilter.value = ""; rightFilter.value = "";
      enabledTypes[NODES[id].type] = true;
      legend.querySelector('input[data-type="' + NODES[id].type + '"]').checked = true;
    }
    applyFilters();
    if (id === null) {
      network.unselectAll();
      renderPlaceholder();
      return;
    }
    network.selectNodes([id], false);
    if (focus) {
      var related = Array.from(relatedSet(id)).filter(function (x) { return isVisible(x, allowedSet()); });
      network.fit({ nodes: related, animation: false });
      if (network.getScale() > 1.6) network.moveTo({ scale: 1.6 });
    }
    renderDetails(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (!params.edges.length) selectNode(null);
  });

  // ------------------------------------------------------------------ details panel
  var panel = document.getElementById("details");
  function renderPlaceholder() {
    panel.textContent = "";
    panel.appendChild(el("p", { "class": "placeholder",
      text: "Select a node to see its IRI, type, label and the paragraphs and quotes behind it." }));
  }
  function nodeLink(id, extra) {
    var n = NODES[id];
    return el("a", { href: "#", "class": "node-link", "data-node": String(id), title: typeLabel(n) + ": " + (n.name || n.label),
                     onclick: function (ev) { ev.preventDefault(); selectNode(id, true); } }, [
      el("span", { "class": "swatch shape-" + TYPES[n.type].shape, style: "background:" + TYPES[n.type].color }),
      " " + n.label, extra ? el("span", { "class": "muted", text: " " + extra }) : null]);
  }
  function section(title, role, children) {
    return el("section", { "class": "block", "data-role": role }, [el("h3", { text: title })].concat(children));
  }
  function nodeList(ids, role, title, extraOf) {
    if (!ids.length) return null;
    return section(title + " (" + ids.length + ")", role,
      [el("ul", { "class": "links" }, ids.map(function (id) { return el("li", {}, [nodeLink(id, extraOf ? extraOf(id) : "")]); }))]);
  }
  function instrumentExtra(id) {
    var facts = {};
    (NODES[id].facts || []).forEach(function (f) { if (typeof f[1] === "string" && !(f[0] in facts)) facts[f[0]] = f[1]; });
    return [facts.kind, facts.date].filter(Boolean).join(", ");
  }
  function byType(ids, types) {
    return ids.filter(function (id) { return types.indexOf(NODES[id].type) >= 0; });
  }
  function paraTitle(p) {
    return p.doc + " \u00b6 " + p.n + (p.section ? " \u00b7 " + p.section : "");
  }
  // A paragraph's text with the mentions in it marked; the focus node's own mentions win overlaps.
  function paragraphText(pid, focusId) {
    var p = PARAS[pid];
    var marks = p.marks.slice().sort(function (a, b) {
      return ((b[2] === focusId) - (a[2] === focusId)) || a[0] - b[0] || b[1] - a[1];
    });
    var chosen = [];
    marks.forEach(function (m) {
      if (chosen.every(function (c) { return m[1] <= c[0] || m[0] >= c[1]; })) chosen.push(m);
    });
    chosen.sort(function (a, b) { return a[0] - b[0]; });
    var out = el("p", { "class": "para-text" });
    var at = 0;
    chosen.forEach(function (m) {
      if (m[0] > at) out.appendChild(document.createTextNode(p.text.slice(at, m[0])));
      var target = m[2];
      out.appendChild(el("mark", { "class": "t-" + NODES[target].type + (target === focusId ? " focus" : ""),
        title: typeLabel(NODES[target]) + ": " + NODES[target].label,
        onclick: function () { selectNode(target, true); } }, [p.text.slice(m[0], m[1])]));
      at = m[1];
    });
    if (at < p.text.length) out.appendChild(document.createTextNode(p.text.slice(at)));
    return out;
  }
  function paragraphBlock(pid, focusId, open, summary) {
    var p = PARAS[pid];
    var d = el("details", { "class": "para" }, [el("summary", { text: summary || paraTitle(p) }), paragraphText(pid, focusId)]);
    if (open) d.open = true;
    return d;
  }
  function factValue(v) {
    if (Array.isArray(v) && v[0] === "p") {
      var pid = v[1];
      return el("a", { href: "#", onclick: function (ev) {
        ev.preventDefault();
        var d = panel.querySelector('details[data-pid="' + pid + '"]');
        if (d) { d.open = true; d.scrollIntoView(); }
      } }, [v[2]]);
    }
    if (Array.isArray(v)) return nodeLink(v[0]);
    return document.createTextNode(v);
  }

  // ------------------------------------------------------------------ follow-up timeline
  // A recommendation's chain, one row per step of the canned query follow-up: [step, document, section,
  // paragraph as printed, detail, paragraph index or -1, [ids of the nodes the paragraph names]]. The
  // steps come in the query's order (DATA.steps); a step it does not list yet goes last, as it comes.
  var STEPS = DATA.steps || [];
  var DOCS = DATA.documentInfo || {};
  function groupBy(rows, key) {
    var keys = [], groups = {};
    rows.forEach(function (r) {
      var k = key(r);
      if (!Object.prototype.hasOwnProperty.call(groups, k)) { groups[k] = []; keys.push(k); }
      groups[k].push(r);
    });
    return { keys: keys, groups: groups };
  }
  function stepEntry(r, focusId) {
    var pid = r[5];
    var names = r[6].filter(function (x) { return NODES[x].type !== "theme"; });
    var entry = el("div", { "class": "step-entry", "data-paragraph": r[3] });
    var where = r[3] ? "\u00b6 " + r[3] : "";
    if (r[4]) {
      entry.appendChild(el("p", { "class": "step-detail" }, [where ? el("span", { "class": "muted", text: where + " " }) : null, r[4]]));
    }
    if (pid >= 0) {
      var d = paragraphBlock(pid, focusId, false,
        where + (names.length ? " \u2014 names " + names.length : "") + (r[4] ? " (the paragraph)" : ""));
      d.setAttribute("data-pid", pid);
      entry.appendChild(d);
    } else if (where && !r[4]) {
      entry.appendChild(el("p", { "class": "step-detail muted", text: where }));
    }
    if (names.length) {
      entry.appendChild(el("ul", { "class": "links named" }, names.map(function (x) {
        return el("li", {}, [nodeLink(x, NODES[x].type === "legal" || NODES[x].type === "policy" ? instrumentExtra(x) : "")]);
      })));
    }
    return entry;
  }
  function timeline(n, id) {
    var chain = n.chain || [];
    if (!chain.length) return null;
    var steps = groupBy(chain, function (r) { return r[0]; });
    var order = STEPS.filter(function (s) { return steps.groups[s]; })
      .concat(steps.keys.filter(function (s) { return STEPS.indexOf(s) < 0; }));
    var list = el("ol", { "class": "timeline", id: "timeline" });
    order.forEach(function (step) {
      var item = el("li", { "class": "step", "data-step": step }, [el("h4", { "class": "step-name", text: step })]);
      var docs = groupBy(steps.groups[step], function (r) { return r[1]; });
      docs.keys.forEach(function (doc) {
        var info = DOCS[doc] || {};
        var when = [info.date, info.review].filter(Boolean).join(" \u00b7 ");
        var block = el("div", { "class": "step-doc", "data-document": doc }, [el("p", { "class": "doc-line" }, [
          el("strong", { "class": "doc-symbol", text: doc, title: info.title || doc }),
          when ? el("span", { "class": "doc-when muted", text: " \u2014 " + when }) : null])]);
        var sections = groupBy(docs.groups[doc], function (r) { return r[2]; });
        sections.keys.forEach(function (title) {
          var rows = sections.groups[title];
          if (title) {
            var themes = [];
            rows.forEach(function (r) { r[6].forEach(function (x) { if (NODES[x].type === "theme" && themes.indexOf(x) < 0) themes.push(x); }); });
            block.appendChild(el("p", { "class": "step-section", "data-section": title }, [
              el("span", { "class": "muted", text: "section " }),
              themes.length ? nodeLink(themes[0]) : title,
              el("span", { "class": "muted", text: rows.length > 1 ? " \u2014 " + rows.length + " paragraphs" : "" })]));
          }
          rows.forEach(function (r) { block.appendChild(stepEntry(r, id)); });
        });
        item.appendChild(block);
      });
      list.appendChild(item);
    });
    return section("Follow-up (" + order.join(" \u2192 ") + ")", "timeline", [list]);
  }

  function renderDetails(id) {
    var n = NODES[id];
    panel.textContent = "";
    panel.scrollTop = 0;
    panel.appendChild(el("p", { "class": "kind" }, [
      el("span", { "class": "swatch shape-" + TYPES[n.type].shape, style: "background:" + TYPES[n.type].color }),
      " " + typeLabel(n) + (n.subtype && n.subtype.toLowerCase() !== typeLabel(n).toLowerCase() ? " \u00b7 " + n.subtype : "")]));
    panel.appendChild(el("h2", { id: "detail-label", text: n.name || n.label }));
    panel.appendChild(el("p", { "class": "iri" }, [el("span", { "class": "muted", text: "IRI " }), el("code", { id: "detail-iri", text: n.iri })]));

    if (n.type === "recommendation") {
      if (n.text) panel.appendChild(section("Text", "text", [el("blockquote", { id: "detail-text", text: n.text })]));
      var chainBlock = timeline(n, id);
      if (chainBlock) panel.appendChild(chainBlock);
      var facts = el("dl", { "class": "facts" });
      [["review", n.review], ["recommended by", n.states.join(", ")]].forEach(function (f) {
        if (f[1]) { facts.appendChild(el("dt", { text: f[0] })); facts.appendChild(el("dd", { text: f[1] })); }
      });
      if (n.responses.length) {
        facts.appendChild(el("dt", { text: "responses" }));
        facts.appendChild(el("dd", {}, [el("ul", { "class": "plain" }, n.responses.map(function (r) {
          return el("li", {}, [el("strong", { text: r[0] }), r[1] ? " (" + r[1] + ")" : ""]); }))]));
      }
      if (n.rights && n.rights.length) {
        facts.appendChild(el("dt", { text: "rights (" + n.rights_source + ")" }));
        facts.appendChild(el("dd", { id: "detail-rights" }, [el("ul", { "class": "plain" }, n.rights.map(function (i) {
          return el("li", { text: RIGHTS[i][2] }); }))]));
      }
      if (n.sections.length) {
        facts.appendChild(el("dt", { text: "reported in" }));
        facts.appendChild(el("dd", { text: n.sections.join("; ") }));
      }
      panel.appendChild(facts);
      [nodeList(n.themes, "themes", "Themes"),
       nodeList(byType(n.reported, ["legal", "policy"]), "instruments", "Instruments reported under it", instrumentExtra),
       nodeList(byType(n.reported, ["treaty"]), "treaties", "Treaties reported under it"),
       nodeList(byType(n.reported, ["institution"]), "institutions", "Institutions named under it"),
       nodeList(byType(n.reported, ["visit"]), "visits", "Visits reported under it")
      ].forEach(function (b) { if (b) panel.appendChild(b); });
      if (!n.reported.length) panel.appendChild(el("p", { "class": "muted", text: "No section of the reports in this graph reports on it, or nothing is named in the sections that do." }));
      if (n.paragraphs.length) {
        panel.appendChild(section("Paragraphs of the sections reporting on it (" + n.paragraphs.length + ")", "paragraphs",
          n.paragraphs.map(function (pid) { var d = paragraphBlock(pid, id, false); d.setAttribute("data-pid", pid); return d; })));
      }
      return;
    }

    if (n.type === "theme") {
      panel.appendChild(nodeList(n.recommendations, "recommendations", "Recommendations on this theme") ||
        el("p", { "class": "muted", text: "No recommendation is listed under this theme." }));
      [["legal", "policy"], ["treaty"], ["institution"], ["visit"]].forEach(function (types) {
        var b = nodeList(byType(n.entities, types), types[0], types.map(function (t) { return TYPES[t].plural; }).join(", ") + " mentioned under it",
                         types[0] === "legal" ? instrumentExtra : null);
        if (b) panel.appendChild(b);
      });
      if (n.paragraphs.length) {
        panel.appendChild(section("Paragraphs (" + n.paragraphs.length + ")", "paragraphs",
          n.paragraphs.map(function (pid) { var d = paragraphBlock(pid, id, false); d.setAttribute("data-pid", pid); return d; })));
      }
      return;
    }

    // Instruments, treaties, institutions, visits.
    if (n.facts.length) {
      var dl = el("dl", { "class": "facts" });
      n.facts.forEach(function (f) { dl.appendChild(el("dt", { text: f[0] })); dl.appendChild(el("dd", {}, [factValue(f[1])])); });
      panel.appendChild(dl);
    }
    if (n.events.length) {
      panel.appendChild(section("What happened to it (" + n.events.length + ")", "events", [el("ul", { "class": "plain" }, n.events.map(function (e) {
        return el("li", {}, [el("strong", { text: e[0] }), e[1] ? " " + e[1] : "",
          e[2] ? el("span", {}, [" by ", nodeLink(e[2][0])]) : null,
          e[3] ? " (articles " + e[3] + ")" : "",
          e[4] >= 0 ? el("span", { "class": "muted", text: " \u2014 \u00b6 " + PARAS[e[4]].n }) : null]);
      }))]));
    }
    var recs = nodeList(n.recommendations, "recommendations", "Reported under recommendations");
    if (recs) panel.appendChild(recs);
    var themes = nodeList(n.themes, "themes", "Themes");
    if (themes) panel.appendChild(themes);
    if (n.mentions.length) {
      var seen = {};
      panel.appendChild(section("Mentions: paragraphs and exact quotes (" + n.mentions.length + ")", "mentions", n.mentions.map(function (m) {
        var p = PARAS[m[0]];
        var first = !seen[m[0]];
        seen[m[0]] = true;
        var d = first ? paragraphBlock(m[0], id, false, "the whole paragraph " + p.n) : null;
        if (d) d.setAttribute("data-pid", m[0]);
        return el("div", { "class": "mention" }, [
          el("q", { text: m[3] }),
          el("span", { "class": "muted", text: " \u2014 " + paraTitle(p) }), d]);
      })));
    }
  }

  // For tests and scripts: the page's state in one place.
  window.uprgraphExplorer = {
    network: network, nodes: NODES, rights: RIGHTS, matches: matches,
    select: function (id) { selectNode(id, true); },
    visible: function () { return nodeSet.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; }); }
  };
}());
