/* kg network page: builds the view from the JSON block in the page.
 * All text comes from annotations and is untrusted: it enters the DOM only
 * through textContent (never innerHTML), lookups use Map (no prototype keys),
 * and links are made only from http(s) URLs. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var tip = document.getElementById("kg-tip");
  var nodeById = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var hiddenTypes = { node: new Map(), edge: new Map() };
  var hiddenNow = { node: new Map(), edge: new Map() };  // id -> hidden flag last sent to vis
  var checkboxes = new Map();       // kind + "\n" + type -> checkbox
  var labelled = new Map();         // edge id -> true while its label is shown (hover mode)
  var hoveredEdge = null;
  var SHAPE_SIGNS = { dot: "\u25cf", circle: "\u25cf", square: "\u25a0", box: "\u25ac",
    diamond: "\u25c6", triangle: "\u25b2", triangleDown: "\u25bc", star: "\u2605",
    ellipse: "\u2b2c", database: "\u25ae", hexagon: "\u2b22", text: "T" };

  container.dataset.nodes = String(nodes.length);
  container.dataset.edges = String(edges.length);

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

  function sourceLine(source, sourceUrl, withLink) {
    var line = el("div", "kg-source", "Source: ");
    var url = withLink ? safeUrl(sourceUrl || source) : null;
    var target = textEl(url ? "a" : "span", "", source);
    if (url) {
      target.href = url;
      target.rel = "noopener noreferrer";
      target.target = "_blank";
    }
    line.appendChild(target);
    return line;
  }

  function describe(kind, item, withLink) {
    var box = document.createDocumentFragment();
    if (kind === "node") {
      box.appendChild(textEl("div", "kg-name", nameOf(item)));
      box.appendChild(textEl("div", "kg-type", item.typeLabel || "untyped"));
    } else {
      var arrow = meta.directed ? " \u2192 " : " \u2014 ";
      var sign = item.sign > 0 ? "cooperative (+)" : item.sign < 0 ? "adversarial (\u2212)" : "";
      box.appendChild(textEl("div", "kg-name", item.fullLabel || item.edgeLabel || "edge"));
      box.appendChild(textEl("div", "kg-type",
        nameOf(nodeById.get(item.from)) + arrow + nameOf(nodeById.get(item.to))));
      var kindText = [item.typeLabel, sign].filter(Boolean).join(", ");
      if (kindText) box.appendChild(textEl("div", "kg-type", kindText));
    }
    if (item.quote) box.appendChild(textEl("div", "kg-quote", "\u201c" + item.quote + "\u201d"));
    if (item.text) box.appendChild(textEl("div", "kg-note", item.text));
    if (item.source || item.sourceUrl) {
      box.appendChild(sourceLine(item.source || item.sourceUrl, item.sourceUrl, withLink));
    }
    return box;
  }

  function itemOf(kind, id) {
    return kind === "node" ? nodeById.get(id) : edgeById.get(id);
  }

  function showTip(kind, id, domPoint) {
    var item = itemOf(kind, id);
    if (!item) return;
    tip.replaceChildren(describe(kind, item, false));
    tip.hidden = false;
    var left = Math.min(domPoint.x + 14, container.clientWidth - tip.offsetWidth - 4);
    var top = Math.min(domPoint.y + 14, container.clientHeight - tip.offsetHeight - 4);
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = Math.max(0, top) + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  function showDetails(kind, id) {
    var item = itemOf(kind, id);
    var box = document.getElementById("kg-details");
    box.replaceChildren(item ? describe(kind, item, true) : el("span", "", "Nothing selected."));
  }

  /* Edge labels in "hover" mode: shown for the hovered edge and the selection only. */
  function refreshEdgeLabels() {
    if (meta.edgeLabels !== "hover") return;
    var want = new Map();
    network.getSelectedEdges().forEach(function (id) { want.set(id, true); });
    if (hoveredEdge !== null) want.set(hoveredEdge, true);
    var updates = [];
    labelled.forEach(function (_, id) {
      if (!want.has(id)) updates.push({ id: id, label: "" });
    });
    want.forEach(function (_, id) {
      var item = edgeById.get(id);
      if (!labelled.has(id) && item && item.edgeLabel) updates.push({ id: id, label: item.edgeLabel });
    });
    labelled = want;
    if (updates.length) edges.update(updates);
  }

  function updateCounts(shownNodes, shownEdges) {
    var text = shownNodes === nodes.length && shownEdges === edges.length
      ? nodes.length + " nodes \u00b7 " + edges.length + " edges"
      : "showing " + shownNodes + " of " + nodes.length + " nodes \u00b7 " +
        shownEdges + " of " + edges.length + " edges";
    if (meta.focus !== null) {
      text += " \u00b7 around \u201c" + nameOf(nodeById.get(meta.focus)) + "\u201d, depth " + meta.depth;
    }
    document.getElementById("kg-counts").textContent = text;
  }

  function setHidden(kind, id, hide, updates) {
    if ((hiddenNow[kind].get(id) === true) !== hide) {
      hiddenNow[kind].set(id, hide);
      updates.push({ id: id, hidden: hide });
    }
  }

  function applyFilters() {
    var nodeUpdates = [];
    var edgeUpdates = [];
    var shownNodes = 0;
    var shownEdges = 0;
    data.nodes.forEach(function (n) {
      var hide = hiddenTypes.node.get(n.type) === true;
      setHidden("node", n.id, hide, nodeUpdates);
      if (!hide) shownNodes += 1;
    });
    data.edges.forEach(function (e) {
      var hide = hiddenTypes.edge.get(e.type) === true ||
        hiddenNow.node.get(e.from) === true || hiddenNow.node.get(e.to) === true;
      setHidden("edge", e.id, hide, edgeUpdates);
      if (!hide) shownEdges += 1;
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    updateCounts(shownNodes, shownEdges);
  }

  function legendSymbol(entry) {
    if (entry.kind === "edge") {
      var line = el("span", "kg-line");
      line.style.borderTopColor = entry.color;
      line.style.borderTopStyle = entry.sign !== null && entry.sign < 0 ? "dashed" : "solid";
      return line;
    }
    var swatch = el("span", "kg-swatch", SHAPE_SIGNS[entry.shape] || SHAPE_SIGNS.dot);
    swatch.style.color = entry.color;
    return swatch;
  }

  function buildLegend() {
    var box = document.getElementById("kg-legend");
    ["node", "edge"].forEach(function (kind) {
      var entries = data.legend.filter(function (e) { return e.kind === kind && e.count > 0; });
      if (!entries.length) return;
      box.appendChild(el("div", "kg-type", kind === "node" ? "Nodes" : "Edges"));
      entries.forEach(function (entry) {
        var row = el("label");
        row.title = entry.type;
        var tick = el("input");
        tick.type = "checkbox";
        tick.checked = true;
        tick.dataset.kind = entry.kind;
        tick.dataset.type = entry.type;
        tick.addEventListener("change", function () {
          hiddenTypes[kind].set(entry.type, !tick.checked);
          row.classList.toggle("kg-off", !tick.checked);
          applyFilters();
        });
        checkboxes.set(kind + "\n" + entry.type, tick);
        row.appendChild(tick);
        row.appendChild(legendSymbol(entry));
        var sign = entry.sign > 0 ? " (+)" : entry.sign < 0 ? " (\u2212)" : "";
        row.appendChild(textEl("span", "", entry.label + sign));
        row.appendChild(el("span", "kg-count", entry.count));
        box.appendChild(row);
      });
    });
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
      var button = el("button");
      button.type = "button";
      button.appendChild(textEl("span", "kg-name", nameOf(item)));
      button.appendChild(el("span", "kg-type", " \u00b7 " + (item.typeLabel || "untyped")));
      button.addEventListener("click", function () { focusNode(id); });
      var row = el("li");
      row.appendChild(button);
      list.appendChild(row);
    });
    if (input.value.trim() && !ids.length) list.appendChild(el("li", "kg-type", "No match."));
    return ids;
  }

  function focusNode(id) {
    var item = nodeById.get(id);
    if (!item) return false;
    if (hiddenTypes.node.get(item.type) === true) {
      checkboxes.get("node\n" + item.type).checked = true;
      hiddenTypes.node.set(item.type, false);
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showDetails("node", id);
    refreshEdgeLabels();
    return true;
  }

  function showTooltip(kind, id) {  // for tests and keyboard users: the hover tooltip at an item
    var item = itemOf(kind, id);
    if (!item) return false;
    var ends = kind === "node" ? [id] : [item.from, item.to];
    var points = ends.map(function (n) { return network.canvasToDOM(network.getPosition(n)); });
    showTip(kind, id, {
      x: points.reduce(function (s, p) { return s + p.x; }, 0) / points.length,
      y: points.reduce(function (s, p) { return s + p.y; }, 0) / points.length,
    });
    return true;
  }

  network.on("hoverNode", function (p) { showTip("node", p.node, p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) {
    hoveredEdge = p.edge;
    refreshEdgeLabels();
    showTip("edge", p.edge, p.pointer.DOM);
  });
  network.on("blurEdge", function () {
    hoveredEdge = null;
    refreshEdgeLabels();
    hideTip();
  });
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) showDetails("node", p.nodes[0]);
    else if (p.edges.length) showDetails("edge", p.edges[0]);
    refreshEdgeLabels();
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

  /* Resolves (with ms since navigation) once the graph is drawn and physics has settled. */
  var ready = new Promise(function (resolve) {
    var finished = false;
    function done() {
      if (finished) return;
      finished = true;
      if (meta.focus !== null && nodeById.has(meta.focus)) {
        network.selectNodes([meta.focus]);
        showDetails("node", meta.focus);
        refreshEdgeLabels();
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
  });

  buildLegend();
  applyFilters();

  window.kgView = {
    nodes: nodes, edges: edges, network: network, meta: meta, legend: data.legend,
    ready: ready, search: search, focusNode: focusNode, showTooltip: showTooltip,
  };
})();
