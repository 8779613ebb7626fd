/* kg network page: builds the view from the JSON block in the page.
 * All text comes from annotations and is untrusted: it enters the DOM only
 * through textContent (never innerHTML), lookups use Map (no prototype keys),
 * and links are made only from http(s) URLs or, when the page is served by
 * kg serve, to its own /entity/<id> and /doc/<id> pages.
 *
 * The page holds every node and every tie (one per supporting relation or
 * event). What is drawn is derived from them: the drawn units (nodes, and in
 * the level-of-detail view the super-nodes of collapsed groups), and one edge
 * per pair of drawn units (width by count, colour by the mix of signs) or, in
 * "single ties" mode, one per tie. Filters (types, date) and expanding a group
 * recompute what is drawn. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  var served = location.protocol === "http:" || location.protocol === "https:";
  var container = document.getElementById("kg-network");
  var tip = document.getElementById("kg-tip");
  var detailsBox = document.getElementById("kg-details");
  var panel = document.getElementById("kg-panel");
  var nodeById = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var groupById = new Map(data.groups.map(function (g) { return [g.id, g]; }));
  var groupByIndex = new Map(data.groups.map(function (g) { return [g.index, g]; }));
  var tieById = new Map(data.ties.map(function (t) { return [t.id, t]; }));
  var tiesOf = new Map();
  var membersOf = new Map();
  data.ties.forEach(function (t) {
    [t.from, t.to].forEach(function (id, k) {
      if (k === 1 && t.to === t.from) return;
      if (!tiesOf.has(id)) tiesOf.set(id, []);
      tiesOf.get(id).push(t);
    });
  });
  data.nodes.forEach(function (n) {
    if (!membersOf.has(n.group)) membersOf.set(n.group, []);
    membersOf.get(n.group).push(n);
  });
  var expanded = new Set();
  var hiddenTypes = { node: new Set(), edge: new Set() };
  var upTo = null;          // ISO day: ties dated later are hidden; null: all dates
  var showUndated = true;
  var mode = meta.mode;     // "pairs" | "ties"
  var edgeById = new Map(); // drawn edge id -> {kind: "pair"|"tie", ties: [...]}
  var selected = null;      // {kind, id} shown in the details panel
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var SHAPE_SIGNS = { dot: "\u25cf", circle: "\u25cf", square: "\u25a0", box: "\u25ac",
    diamond: "\u25c6", triangle: "\u25b2", triangleDown: "\u25bc", star: "\u2605",
    ellipse: "\u2b2c", database: "\u25ae", hexagon: "\u2b22", text: "T" };
  var EDGE_LABELS_MAX = 150;
  var EDGE_CAP = 400;       // level-of-detail view: the strongest edges, and the selection's

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function textEl(tag, className, text) {
    var node = el(tag, (className ? className + " " : "") + "kg-text", text);
    node.dir = "auto";  // bidi overrides stay inside their own element
    return node;
  }

  function button(text, onClick, className) {
    var b = el("button", className || "kg-link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function nameOf(item) {
    return item ? (item.fullLabel || item.label || item.edgeLabel || item.id) : "?";
  }

  function safeUrl(text) {
    try {
      var url = new URL(text);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(text, href, external) {
    var a = textEl("a", "", text);
    a.href = href;
    if (external) {
      a.rel = "noopener noreferrer";
      a.target = "_blank";
    }
    return a;
  }

  /* A relative link to a kg serve page, only when served (from file:// it would go nowhere). */
  function servedPath(kind, id) {
    if (!served || !id) return null;
    return "/" + kind + "/" + id.split("/").map(encodeURIComponent).join("/");
  }

  function sourceLine(source, sourceUrl, doc, withLink) {
    var line = el("div", "kg-source", "Source: ");
    var page = withLink ? servedPath("doc", doc) : null;
    var url = withLink ? safeUrl(sourceUrl || source) : null;
    if (page) line.appendChild(link(source || doc, page, false));
    else if (url) line.appendChild(link(source, url, true));
    else line.appendChild(textEl("span", "", source || doc));
    return line;
  }

  function signWord(sign) {
    return sign > 0 ? "cooperative (+)" : sign < 0 ? "hostile (\u2212)" : "neutral";
  }

  /* -- what is drawn --------------------------------------------------------------- */
  function unitOf(id) {
    var n = nodeById.get(id);
    if (!meta.lod || !n || n.top || expanded.has(n.group) || !groupByIndex.has(n.group)) return id;
    return groupByIndex.get(n.group).id;
  }

  function nodeShown(n) {
    return !hiddenTypes.node.has(n.type);
  }

  function dateShown(t) {
    if (!t.date) return showUndated;
    return upTo === null || t.date <= upTo;
  }

  function tieShown(t) {
    return !hiddenTypes.edge.has(t.type) && dateShown(t) &&
      nodeShown(nodeById.get(t.from)) && nodeShown(nodeById.get(t.to));
  }

  function hexRgb(hex) {
    var h = hex.length === 4 ? "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    return [1, 3, 5].map(function (i) { return parseInt(h.substr(i, 2), 16); });
  }

  function mix(pos, neg, neu) {
    var c = meta.signColors;
    if (!pos && !neg) return c["0"];
    if (!neg) return c["+"];
    if (!pos) return c["-"];
    var a = hexRgb(c["+"]), b = hexRgb(c["-"]), f = pos / (pos + neg);
    return "#" + a.map(function (v, i) {
      return ("0" + Math.round(v * f + b[i] * (1 - f)).toString(16)).slice(-2);
    }).join("");
  }

  function pairEdge(key, a, b, list) {
    var pos = 0, neg = 0, neu = 0, factual = 0;
    list.forEach(function (t) {
      if (t.sign > 0) pos += 1; else if (t.sign < 0) neg += 1; else neu += 1;
      if (t.factual) factual += 1;
    });
    return { id: "p:" + key, from: a, to: b, color: mix(pos, neg, neu),
      width: Math.min(8, Math.round((1.2 + 1.8 * Math.log2(list.length)) * 10) / 10),
      dashes: factual === 0 ? [8, 5] : false, arrows: { to: { enabled: false } },
      kind: "pair", ties: list, pos: pos, neg: neg, neu: neu };
  }

  function tieEdge(t, bend) {
    var item = { id: "t:" + t.id, from: t.from, to: t.to, color: t.color, width: 1.4,
      dashes: t.factual ? false : [8, 5], kind: "tie", ties: [t],
      arrows: { to: { enabled: t.directed && data.ties.length <= 2000, scaleFactor: 0.5 } } };
    if (bend) item.smooth = bend;
    return item;
  }

  function computeEdges() {
    var pairs = new Map();
    var single = [];
    data.ties.forEach(function (t) {
      if (!tieShown(t)) return;
      var a = unitOf(t.from), b = unitOf(t.to);
      if (a === b && a !== t.from) return;  // inside a collapsed group
      if (mode === "ties" && a === t.from && b === t.to) {
        single.push(t);
        return;
      }
      var key = a < b ? a + "\n" + b : b + "\n" + a;
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(t);
    });
    var out = [];
    pairs.forEach(function (list, key) {
      var ends = key.split("\n");
      out.push(pairEdge(key, ends[0], ends[1], list));
    });
    var seen = new Map(), counts = new Map();
    single.forEach(function (t) {
      var key = t.from < t.to ? t.from + "\n" + t.to : t.to + "\n" + t.from;
      counts.set(key, (counts.get(key) || 0) + 1);
    });
    single.forEach(function (t) {
      var key = t.from < t.to ? t.from + "\n" + t.to : t.to + "\n" + t.from;
      var bend = null;
      if (counts.get(key) > 1 && t.from !== t.to) {
        var k = (seen.get(key) || 0);
        seen.set(key, k + 1);
        var cw = (k % 2 === 0) === (t.from <= t.to);
        bend = { enabled: true, type: cw ? "curvedCW" : "curvedCCW",
          roundness: Math.round(20 * (Math.floor(k / 2) + 1)) / 100 };
      }
      var item = tieEdge(t, bend);
      if (single.length <= EDGE_LABELS_MAX && t.edgeLabel) item.label = t.edgeLabel;
      out.push(item);
    });
    return out;
  }

  function computeNodes() {
    var out = [];
    data.nodes.forEach(function (n) {
      if (unitOf(n.id) === n.id && nodeShown(n)) out.push(n);
    });
    data.groups.forEach(function (g) {
      if (!expanded.has(g.index)) out.push(g);
    });
    return out;
  }

  function redraw() {
    var want = computeNodes();
    var wantIds = new Set(want.map(function (n) { return n.id; }));
    var drop = nodes.getIds().filter(function (id) { return !wantIds.has(id); });
    var have = new Set(nodes.getIds());
    var add = want.filter(function (n) { return !have.has(n.id); });
    var all = computeEdges();
    var list = capped(all);
    edgeById = new Map(all.map(function (e) { return [e.id, e]; }));
    edges.clear();
    if (drop.length) nodes.remove(drop);
    if (add.length) nodes.add(add);
    edges.add(list.map(function (e) {
      var item = Object.assign({}, e);
      delete item.ties;
      delete item.kind;
      return item;
    }));
    updateCounts(want.length, all, list.length);
    if (selected) showDetails(selected.kind, selected.id);
  }

  /* In the level-of-detail view, at most EDGE_CAP edges: the ones with most ties, and every
   * edge of the selected node. */
  function capped(all) {
    if (!meta.lod || all.length <= EDGE_CAP) return all;
    var chosen = all.slice().sort(function (a, b) {
      return b.ties.length - a.ties.length || (a.id < b.id ? -1 : 1);
    }).slice(0, EDGE_CAP);
    var keep = new Set(chosen.map(function (e) { return e.id; }));
    var focus = selected && selected.kind === "node" ? selected.id : null;
    return all.filter(function (e) {
      return keep.has(e.id) || (focus !== null && (e.from === focus || e.to === focus));
    });
  }

  function updateCounts(shownUnits, list, drawnEdges) {
    var shownTies = 0;
    list.forEach(function (e) { shownTies += e.ties.length; });
    var text = data.nodes.length + " nodes \u00b7 " + data.ties.length + " ties";
    if (shownUnits !== data.nodes.length || shownTies !== data.ties.length) {
      text = "showing " + shownUnits + " of " + data.nodes.length + " nodes" +
        (data.groups.length ? " (groups collapsed)" : "") + " \u00b7 " + shownTies + " of " +
        data.ties.length + " ties";
    }
    text += " \u00b7 " + (drawnEdges < list.length
      ? drawnEdges + " of " + list.length + " edges (the strongest)" : list.length + " edges");
    if (meta.focus !== null) {
      text += " \u00b7 around \u201c" + nameOf(nodeById.get(meta.focus)) + "\u201d, depth " + meta.depth;
    }
    document.getElementById("kg-counts").textContent = text;
  }

  /* -- details --------------------------------------------------------------------- */
  function quotesBlock(t, withLink) {
    var box = el("div", "kg-quotes");
    var bySource = new Map();
    var more = null;
    t.quotes.forEach(function (q) {
      if (q.more) {
        more = q.more;
        return;
      }
      var key = (q.source || "") + "\n" + (q.doc || "");
      if (!bySource.has(key)) bySource.set(key, []);
      bySource.get(key).push(q);
    });
    bySource.forEach(function (list) {
      var first = list[0];
      var part = el("div", "kg-per-source");
      if (first.source || first.doc) {
        part.appendChild(sourceLine(first.source, first.sourceUrl, first.doc, withLink));
      }
      list.forEach(function (q) {
        if (q.quote) part.appendChild(textEl("div", "kg-quote", "\u201c" + q.quote + "\u201d"));
      });
      box.appendChild(part);
    });
    if (more) box.appendChild(el("div", "kg-note", "and " + more + " more quotes"));
    return box;
  }

  function tieRow(t, from, withLink) {
    var row = el("li", "kg-tie" + (t.factual ? "" : " kg-nonfactual"));
    row.dataset.tie = t.id;
    var head = el("div", "kg-tie-head");
    var mark = el("span", "kg-sign", t.sign > 0 ? "+" : t.sign < 0 ? "\u2212" : "\u00b7");
    mark.style.color = meta.signColors[t.sign > 0 ? "+" : t.sign < 0 ? "-" : "0"];
    head.appendChild(mark);
    var arrow = t.directed ? " \u2192 " : " \u2014 ";
    var text = from === null
      ? nameOf(nodeById.get(t.from)) + " " + t.label + arrow.trim() + " " + nameOf(nodeById.get(t.to))
      : (t.from === from ? t.label + arrow + nameOf(nodeById.get(t.to))
        : "\u2190 " + nameOf(nodeById.get(t.from)) + " " + t.label);
    head.appendChild(textEl("span", "kg-tie-label", text));
    var extra = [t.date || "undated"];
    if (!t.factual) extra.push("not factual");
    head.appendChild(el("span", "kg-type", " (" + extra.join(", ") + ")"));
    row.appendChild(head);
    row.appendChild(quotesBlock(t, withLink));
    return row;
  }

  function tieList(list, from, withLink) {
    var shown = list.filter(tieShown);
    var box = document.createDocumentFragment();
    var ul = el("ul", "kg-ties");
    shown.slice().sort(function (a, b) {
      return (a.date || "9999") < (b.date || "9999") ? -1 : (a.date || "9999") > (b.date || "9999")
        ? 1 : a.id < b.id ? -1 : 1;
    }).forEach(function (t) { ul.appendChild(tieRow(t, from, withLink)); });
    box.appendChild(ul);
    if (shown.length < list.length) {
      box.appendChild(el("div", "kg-note", (list.length - shown.length) + " more hidden by the filters"));
    }
    return box;
  }

  function nodeDetails(n, withLink) {
    var box = document.createDocumentFragment();
    box.appendChild(textEl("div", "kg-name", nameOf(n)));
    box.appendChild(textEl("div", "kg-type", n.typeLabel || "untyped"));
    var page = withLink ? (servedPath("entity", n.entity) || servedPath("doc", n.doc)) : null;
    if (page) box.appendChild(link(n.doc ? "document page" : "entity page", page, false));
    if (n.quote) box.appendChild(textEl("div", "kg-quote", "\u201c" + n.quote + "\u201d"));
    if (n.text) box.appendChild(textEl("div", "kg-note", n.text));
    if (n.source || n.sourceUrl) {
      box.appendChild(sourceLine(n.source || n.sourceUrl, n.sourceUrl, null, withLink));
    }
    if (withLink) {
      var list = tiesOf.get(n.id) || [];
      box.appendChild(el("h3", "kg-h3", "Ties (" + list.filter(tieShown).length + ")"));
      box.appendChild(tieList(list, n.id, withLink));
    }
    return box;
  }

  function groupDetails(g, withLink) {
    var box = document.createDocumentFragment();
    box.appendChild(textEl("div", "kg-name", nameOf(g)));
    box.appendChild(el("div", "kg-type", g.count + " nodes drawn as one; click to expand"));
    if (!withLink) return box;
    box.appendChild(button("Expand", function () { expandGroup(g.index); }, "kg-button"));
    var ul = el("ul", "kg-members");
    (membersOf.get(g.index) || []).filter(function (n) { return !n.top; }).slice(0, 100)
      .forEach(function (n) {
        var li = el("li");
        li.appendChild(button(nameOf(n), function () { focusNode(n.id); }));
        ul.appendChild(li);
      });
    box.appendChild(ul);
    return box;
  }

  function edgeDetails(e, withLink) {
    var box = document.createDocumentFragment();
    var a = nodeById.get(e.from) || groupById.get(e.from);
    var b = nodeById.get(e.to) || groupById.get(e.to);
    if (e.kind === "tie") {
      var t = e.ties[0];
      box.appendChild(textEl("div", "kg-name", t.label || "tie"));
      box.appendChild(textEl("div", "kg-type", nameOf(a) + (t.directed ? " \u2192 " : " \u2014 ") + nameOf(b)));
      box.appendChild(textEl("div", "kg-type", [t.typeLabel, signWord(t.sign)].filter(Boolean).join(", ")));
      if (withLink) box.appendChild(tieList([t], null, withLink));
      else if (t.quotes.length && t.quotes[0].quote) {
        box.appendChild(textEl("div", "kg-quote", "\u201c" + t.quotes[0].quote + "\u201d"));
      }
      return box;
    }
    box.appendChild(textEl("div", "kg-name", nameOf(a) + " \u2014 " + nameOf(b)));
    box.appendChild(el("div", "kg-type", e.ties.length + " ties: " + e.pos + " cooperative, " +
      e.neg + " hostile, " + e.neu + " neutral"));
    if (withLink) {
      box.appendChild(button(mode === "pairs" ? "Show single ties" : "Show pairs", function () {
        setMode(mode === "pairs" ? "ties" : "pairs");
      }, "kg-button"));
      box.appendChild(tieList(e.ties, null, withLink));
    } else {
      var labels = Array.from(new Set(e.ties.map(function (t) { return t.label; })));
      box.appendChild(textEl("div", "kg-note", labels.slice(0, 6).join("; ") +
        (labels.length > 6 ? "; \u2026" : "")));
    }
    return box;
  }

  function describe(kind, id, withLink) {
    if (kind === "node") {
      if (nodeById.has(id)) return nodeDetails(nodeById.get(id), withLink);
      if (groupById.has(id)) return groupDetails(groupById.get(id), withLink);
    } else if (edgeById.has(id)) {
      return edgeDetails(edgeById.get(id), withLink);
    }
    return null;
  }

  function clearDetails() {
    selected = null;
    detailsBox.replaceChildren(el("div", "kg-hint", "Click a node to list its ties with their " +
      "quotes, or an edge for the ties of a pair."));
  }

  function showDetails(kind, id) {
    var content = describe(kind, id, true);
    if (!content) {
      clearDetails();
      return;
    }
    selected = { kind: kind, id: id };
    detailsBox.replaceChildren(content);
    panel.hidden = false;
    detailsBox.scrollTop = 0;
  }

  function showTip(kind, id, domPoint) {
    var content = describe(kind, id, false);
    if (!content) return;
    tip.replaceChildren(content);
    tip.hidden = false;
    var left = Math.min(domPoint.x + 14, container.clientWidth - tip.offsetWidth - 4);
    var top = Math.min(domPoint.y + 14, container.clientHeight - tip.offsetHeight - 4);
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = Math.max(0, top) + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  /* -- legend and controls --------------------------------------------------------- */
  function legendSymbol(entry) {
    if (entry.kind === "edge") {
      var line = el("span", "kg-line");
      line.style.borderTopColor = entry.color;
      line.style.borderTopStyle = "solid";
      return line;
    }
    var swatch = el("span", "kg-swatch", SHAPE_SIGNS[entry.shape] || SHAPE_SIGNS.dot);
    swatch.style.color = entry.color;
    return swatch;
  }

  function keyRow(box, color, text, dashed, width) {
    var row = el("div", "kg-key");
    var line = el("span", "kg-line");
    line.style.borderTopColor = color;
    line.style.borderTopStyle = dashed ? "dashed" : "solid";
    line.style.borderTopWidth = (width || 2) + "px";
    row.appendChild(line);
    row.appendChild(el("span", "", text));
    box.appendChild(row);
  }

  function buildLegend() {
    var box = document.getElementById("kg-legend");
    ["node", "edge"].forEach(function (kind) {
      var entries = data.legend.filter(function (e) { return e.kind === kind && e.count > 0; });
      if (!entries.length) return;
      box.appendChild(el("div", "kg-type", kind === "node" ? "Nodes" : "Ties"));
      entries.forEach(function (entry) {
        var row = el("label", "kg-row");
        row.title = entry.types.join(", ");
        var tick = el("input");
        tick.type = "checkbox";
        tick.checked = true;
        tick.dataset.kind = entry.kind;
        tick.dataset.types = entry.types.join(" ");
        tick.addEventListener("change", function () {
          entry.types.forEach(function (t) {
            if (tick.checked) hiddenTypes[kind].delete(t); else hiddenTypes[kind].add(t);
          });
          row.classList.toggle("kg-off", !tick.checked);
          redraw();
        });
        row.appendChild(tick);
        row.appendChild(legendSymbol(entry));
        var sign = entry.sign > 0 ? " (+)" : entry.sign < 0 ? " (\u2212)" : "";
        row.appendChild(textEl("span", "kg-row-label", entry.label + sign));
        row.appendChild(el("span", "kg-count", entry.count));
        box.appendChild(row);
      });
    });
    var key = el("div", "kg-keys");
    key.appendChild(el("div", "kg-type", "Edges between two nodes"));
    keyRow(key, meta.signColors["+"], "cooperative ties only");
    keyRow(key, mix(1, 1, 0), "mixed (colour by share)");
    keyRow(key, meta.signColors["-"], "hostile ties only");
    keyRow(key, meta.signColors["0"], "neutral ties only");
    keyRow(key, "#555555", "wider: more ties", false, 5);
    keyRow(key, "#555555", "dashed: not factual", true);
    box.appendChild(key);
  }

  function setDate(iso) {
    upTo = iso || null;
    var slider = document.getElementById("kg-time");
    var index = upTo === null ? meta.dates.length : meta.dates.indexOf(upTo);
    if (index >= 0) slider.value = String(index);
    document.getElementById("kg-time-label").textContent = upTo === null ? "all dates" : upTo;
    redraw();
  }

  function setMode(next) {
    mode = next === "ties" ? "ties" : "pairs";
    document.getElementById("kg-ties-mode").checked = mode === "ties";
    if (selected && selected.kind === "edge") clearDetails();
    redraw();
  }

  function expandGroup(index) {
    if (!groupByIndex.has(index) || expanded.has(index)) return false;
    expanded.add(index);
    if (selected && selected.id === groupByIndex.get(index).id) selected = null;
    redraw();
    return true;
  }

  function search(text) {
    var query = String(text).trim().toLowerCase();
    var found = [];
    if (!query) return found;
    for (var i = 0; i < data.nodes.length && found.length < 50; i += 1) {
      if (nameOf(data.nodes[i]).toLowerCase().indexOf(query) !== -1) found.push(data.nodes[i].id);
    }
    return found;
  }

  function showResults() {
    var input = document.getElementById("kg-search");
    var list = document.getElementById("kg-results");
    var ids = search(input.value);
    list.replaceChildren();
    ids.forEach(function (id) {
      var item = nodeById.get(id);
      var b = el("button");
      b.type = "button";
      b.appendChild(textEl("span", "kg-name", nameOf(item)));
      b.appendChild(el("span", "kg-type", " \u00b7 " + (item.typeLabel || "untyped")));
      b.addEventListener("click", function () { focusNode(id); });
      var row = el("li");
      row.appendChild(b);
      list.appendChild(row);
    });
    if (input.value.trim() && !ids.length) list.appendChild(el("li", "kg-type", "No match."));
    return ids;
  }

  function focusNode(id) {
    var item = nodeById.get(id);
    if (!item) return false;
    var changed = false;
    if (hiddenTypes.node.has(item.type)) {
      hiddenTypes.node.delete(item.type);
      document.querySelectorAll("#kg-legend input").forEach(function (tick) {
        if (tick.dataset.kind === "node" && tick.dataset.types.split(" ").indexOf(item.type) !== -1) {
          tick.checked = true;
          tick.parentNode.classList.remove("kg-off");
        }
      });
      changed = true;
    }
    if (unitOf(id) !== id) {
      expanded.add(item.group);
      changed = true;
    }
    if (changed) redraw();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showDetails("node", id);
    return true;
  }

  /* The node the URL names after #focus= (an entity page's id such as north-korea or
   * DOC/ITEM, or a node id): works from file:// too, and kg serve's entity pages link here. */
  function hashFocus() {
    var wanted = new URLSearchParams(location.hash.replace(/^#/, "")).get("focus");
    if (!wanted) return null;
    if (nodeById.has(wanted)) return { wanted: wanted, id: wanted };
    for (var i = 0; i < data.nodes.length; i += 1) {
      var n = data.nodes[i];
      if (n.entity === wanted || n.doc === wanted) return { wanted: wanted, id: n.id };
    }
    return { wanted: wanted, id: null };
  }

  function focusFromUrl() {
    var found = hashFocus();
    if (!found) return false;
    if (found.id !== null && focusNode(found.id)) return true;
    network.unselectAll();
    selected = null;
    detailsBox.replaceChildren(textEl("div", "kg-note", "\u201c" + found.wanted +
      "\u201d is not in this view."));
    return false;
  }

  function showTooltip(kind, id) {  // for tests and keyboard users: the hover tooltip at an item
    var ends;
    if (kind === "node") ends = [id];
    else if (edgeById.has(id)) ends = [edgeById.get(id).from, edgeById.get(id).to];
    else return false;
    var points = ends.map(function (n) { return network.canvasToDOM(network.getPosition(n)); });
    showTip(kind, id, {
      x: points.reduce(function (s, p) { return s + p.x; }, 0) / points.length,
      y: points.reduce(function (s, p) { return s + p.y; }, 0) / points.length,
    });
    return !tip.hidden;
  }

  function drawnTies() {
    var n = 0;
    edgeById.forEach(function (e) { n += e.ties.length; });
    return n;
  }

  /* The label boxes vis drew, in page pixels (the overlap test reads them). */
  function labelBoxes() {
    var rect = container.getBoundingClientRect();
    return nodes.getIds().map(function (id) {
      var body = network.body.nodes[id];
      var size = body && body.labelModule && body.labelModule.size;
      if (!size || !body.options.label) return null;
      var a = network.canvasToDOM({ x: size.left, y: size.top });
      var b = network.canvasToDOM({ x: size.left + size.width, y: size.top + size.height });
      return { id: id, left: rect.left + a.x, top: rect.top + a.y, right: rect.left + b.x,
        bottom: rect.top + b.y, drawn: network.getScale() * body.options.font.size >= 7 };
    }).filter(Boolean);
  }

  network.on("hoverNode", function (p) { showTip("node", p.node, p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) { showTip("edge", p.edge, p.pointer.DOM); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) {
      if (groupById.has(p.nodes[0])) expandGroup(groupById.get(p.nodes[0]).index);
      else {
        showDetails("node", p.nodes[0]);
        if (meta.lod) redraw();
      }
    } else if (p.edges.length) {
      showDetails("edge", p.edges[0]);
    }
  });
  document.getElementById("kg-close").addEventListener("click", function () {
    clearDetails();
    network.unselectAll();
  });
  document.getElementById("kg-search").addEventListener("input", showResults);
  document.getElementById("kg-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var ids = showResults();
      if (ids.length) focusNode(ids[0]);
    }
  });
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });
  document.getElementById("kg-ties-mode").checked = mode === "ties";
  document.getElementById("kg-ties-mode").addEventListener("change", function (event) {
    setMode(event.target.checked ? "ties" : "pairs");
  });
  var slider = document.getElementById("kg-time");
  slider.max = String(meta.dates.length);
  slider.value = String(meta.dates.length);
  slider.addEventListener("input", function () {
    var i = Number(slider.value);
    setDate(i >= meta.dates.length ? null : meta.dates[i]);
  });
  document.getElementById("kg-undated").addEventListener("change", function (event) {
    showUndated = event.target.checked;
    redraw();
  });
  if (!meta.dates.length) document.getElementById("kg-timebox").hidden = true;
  window.addEventListener("hashchange", focusFromUrl);

  buildLegend();
  clearDetails();
  redraw();
  container.dataset.nodes = String(data.nodes.length);
  container.dataset.ties = String(data.ties.length);

  /* Resolves (with ms since navigation) once the graph is drawn (and physics, if on, settled). */
  var ready = new Promise(function (resolve) {
    var finished = false;
    function done() {
      if (finished) return;
      finished = true;
      if (!focusFromUrl() && meta.focus !== null && nodeById.has(meta.focus)) {
        network.selectNodes([meta.focus]);
        showDetails("node", meta.focus);
      }
      requestAnimationFrame(function () {
        document.body.dataset.ready = "1";
        resolve(performance.now());
      });
    }
    if (meta.physics && nodes.length > 0) {
      network.once("stabilized", done);
      network.once("afterDrawing", function () { setTimeout(done, 10000); });  // never hang
    } else {
      network.once("afterDrawing", done);
    }
    network.fit({ animation: false });
  });

  window.kgView = {
    nodes: nodes, edges: edges, network: network, meta: meta, legend: data.legend,
    ties: data.ties, ready: ready, search: search, focusNode: focusNode,
    showTooltip: showTooltip, showDetails: showDetails, setDate: setDate, setMode: setMode,
    focusFromUrl: focusFromUrl,
    expandGroup: expandGroup, labelBoxes: labelBoxes, drawnTies: drawnTies,
  };
})();
