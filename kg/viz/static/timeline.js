/* kg timeline page: draws the model from the JSON block as SVG, with tooltips and zoom.
 * All text is untrusted: it enters the DOM only through textContent (never
 * innerHTML); colours were checked to be hex in Python.
 *
 * Events are grouped in lanes (by actor, document or type). A lane is either
 * collapsed -- one strip with all its events as marks -- or expanded, one row per
 * event with its label. Small timelines start expanded, large ones collapsed
 * with the busiest lanes first; undated events are folded into one list. */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var ROW = 24;
  var AXIS = 30;
  var NOTE = 320;
  var EXPANDED_MAX = 60;   // up to this many dated events, lanes start expanded
  var LANES_SHOWN = 40;    // lanes listed before a "more lanes" row
  var MS_PER_DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var model = JSON.parse(document.getElementById("tl-data").textContent);
  var scroll = document.getElementById("tl-scroll");
  var chart = document.getElementById("tl-chart");
  var labelsBox = document.getElementById("tl-labels");
  var tip = document.getElementById("tl-tip");
  var served = location.protocol === "http:" || location.protocol === "https:";
  var colors = Array.from(new Set(model.rows.concat(model.undated).map(function (r) {
    return r.color;
  }).concat(["#777777"]))).sort();
  var paint = new Map(colors.map(function (c, i) { return [c, i]; }));
  var first = model.axis_begin ? dayOf(model.axis_begin) : 0;
  var days = model.axis_end ? dayOf(model.axis_end) - first + 1 : 1;
  var pxPerDay = 1;
  var groupBy = "actor";
  var filters = { actor: "", doc: "", factual: "all", hiddenTypes: new Set() };
  var expanded = new Map();      // lane key -> true/false, once the user (or the start) decides
  var allLanes = false;          // the "more lanes" row was opened
  var lanes = [];                // [{key, name, rows}] as drawn
  var shownLanes = [];

  function dayOf(iso) {
    var parts = iso.split("-").map(Number);
    var d = new Date(0);
    d.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
    return Math.round(d.getTime() / MS_PER_DAY);
  }

  function dateOf(day) {
    var d = new Date(day * MS_PER_DAY);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
  }

  function x(day) {
    return (day - first) * pxPerDay;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function textEl(tag, className, text) {
    var node = el(tag, (className ? className + " " : "") + "tl-text", text);
    node.dir = "auto";
    return node;
  }

  function shape(tag, attrs, parent) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function label(xPos, y, text, attrs, parent) {
    var node = shape("text", Object.assign({ x: xPos, y: y }, attrs || {}), parent);
    node.textContent = text;
    return node;
  }

  function defs() {
    var box = shape("defs", {}, chart);
    colors.forEach(function (color, i) {
      var hatch = shape("pattern", { id: "soft" + i, patternUnits: "userSpaceOnUse", width: 6,
        height: 6, patternTransform: "rotate(45)" }, box);
      shape("rect", { width: 6, height: 6, fill: color, "fill-opacity": 0.18 }, hatch);
      shape("rect", { width: 2.5, height: 6, fill: color, "fill-opacity": 0.75 }, hatch);
      [["fade", 0.85, 0], ["fadeleft", 0, 0.85]].forEach(function (g) {
        var grad = shape("linearGradient", { id: g[0] + i }, box);
        shape("stop", { offset: 0, "stop-color": color, "stop-opacity": g[1] }, grad);
        shape("stop", { offset: 1, "stop-color": color, "stop-opacity": g[2] }, grad);
      });
    });
  }

  function ticks() {
    var last = first + days - 1;
    var found = [];
    var step;
    if (pxPerDay * 7 >= 90) {
      step = [1, 2, 7].find(function (s) { return s * pxPerDay >= 90; }) || 7;
      for (var day = first + 1; day <= last; day += 1) {
        if (day % step === 0) {
          var p = dateOf(day);
          found.push([day, p.d + " " + MONTHS[p.m] + " " + p.y]);
        }
      }
      return found;
    }
    var a = dateOf(first);
    var b = dateOf(last);
    step = [1, 2, 3, 6].find(function (s) { return s * 30.44 * pxPerDay >= 90; });
    if (step) {
      for (var n = a.y * 12 + a.m + 1; n <= b.y * 12 + b.m; n += 1) {
        if ((n % 12) % step === 0) {
          found.push([dayOf(Math.floor(n / 12) + "-" + (n % 12 + 1) + "-1"),
            MONTHS[n % 12] + " " + Math.floor(n / 12)]);
        }
      }
      return found;
    }
    step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find(function (s) {
      return s * 365.25 * pxPerDay >= 70;
    }) || 1000;
    for (var y = a.y + 1; y <= b.y; y += 1) {
      if (y % step === 0) found.push([dayOf(y + "-1-1"), String(y)]);
    }
    return found;
  }

  function drawShapes(g, row, y, h) {
    var b = row.begin ? dayOf(row.begin) : first;
    var e = row.end ? dayOf(row.end) : first + days - 1;
    var p = paint.get(row.color);
    function bar(from, to, fill, dashed) {
      var x0 = x(from);
      var x1 = Math.max(x(to + 1), x0 + 3);
      var attrs = { x: x0.toFixed(1), y: y, width: (x1 - x0).toFixed(1), height: h, rx: 2, fill: fill };
      if (dashed) Object.assign(attrs, { stroke: "#555555", "stroke-dasharray": "3 2" });
      shape("rect", attrs, g);
      return x1;
    }
    if (row.kind === "point") {
      var cx = (x(b) + x(b + 1)) / 2;
      shape("circle", { cx: cx.toFixed(1), cy: y + h / 2, r: 5, fill: row.color }, g);
      return cx + 5;
    }
    if (row.kind === "open") return bar(b, e, "url(#" + (row.begin ? "fade" : "fadeleft") + p + ")");
    if (!row.soft_begin || !row.soft_end) return bar(b, e, row.color);
    var sb = dayOf(row.soft_begin);
    var se = dayOf(row.soft_end);
    var soft = "url(#soft" + p + ")";
    if (sb >= se) return bar(b, e, soft, row.precision === "relative");
    bar(b, sb, soft);
    if (sb + 1 <= se - 1) bar(sb + 1, se - 1, row.color);
    return bar(se, e, soft);
  }

  function laneKeys(row) {
    if (groupBy === "document") return [row.doc || row.source || "(no document)"];
    if (groupBy === "type") return [row.type_label || "(untyped)"];
    return [row.actors.length ? row.actors[0] : "(no actor)"];
  }

  function passes(row) {
    if (filters.hiddenTypes.has(row.color + "\n" + row.type)) return false;
    if (filters.actor && row.actors.indexOf(filters.actor) === -1) return false;
    if (filters.doc && (row.doc || row.source) !== filters.doc) return false;
    if (filters.factual === "factual" && !row.factual) return false;
    if (filters.factual === "nonfactual" && row.factual) return false;
    return true;
  }

  function buildLanes() {
    var byKey = new Map();
    model.rows.forEach(function (row) {
      if (!passes(row)) return;
      laneKeys(row).forEach(function (key) {
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(row);
      });
    });
    lanes = Array.from(byKey, function (kv) { return { key: kv[0], name: kv[0], rows: kv[1] }; });
    lanes.sort(function (a, b) {
      return b.rows.length - a.rows.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    var total = lanes.reduce(function (n, l) { return n + l.rows.length; }, 0);
    lanes.forEach(function (lane) {
      if (!expanded.has(groupBy + "\n" + lane.key)) {
        expanded.set(groupBy + "\n" + lane.key, total <= EXPANDED_MAX);
      }
    });
    shownLanes = allLanes ? lanes : lanes.slice(0, LANES_SHOWN);
  }

  function isOpen(lane) {
    return expanded.get(groupBy + "\n" + lane.key) === true;
  }

  function toggleLane(key) {
    var k = groupBy + "\n" + key;
    expanded.set(k, !expanded.get(k));
    refresh();
  }

  /* The drawn lines, top to bottom: lane headers (with a strip of marks when collapsed),
   * then one line per event of an open lane, and a "more lanes" line. */
  function lines() {
    var out = [];
    shownLanes.forEach(function (lane) {
      out.push({ kind: "lane", lane: lane });
      if (isOpen(lane)) lane.rows.forEach(function (row) { out.push({ kind: "event", row: row }); });
    });
    if (shownLanes.length < lanes.length) out.push({ kind: "more", count: lanes.length - shownLanes.length });
    return out;
  }

  function marked(g, row, y, h) {
    var right = drawShapes(g, row, y, h);
    if (!row.factual) {
      Array.prototype.forEach.call(g.querySelectorAll("rect:not(.tl-hit), circle"), function (node) {
        node.setAttribute("fill", "url(#soft" + paint.get(row.color) + ")");
        node.setAttribute("stroke", row.color);
        node.setAttribute("stroke-dasharray", "3 2");
        node.setAttribute("class", "tl-nonfactual");
      });
    }
    return right;
  }

  function render() {
    chart.replaceChildren();
    var drawn = lines();
    var width = Math.ceil(days * pxPerDay) + NOTE;
    var height = AXIS + ROW * drawn.length + 4;
    chart.setAttribute("width", width);
    chart.setAttribute("height", height);
    chart.setAttribute("viewBox", "0 0 " + width + " " + height);
    defs();
    shape("line", { x1: 0, y1: AXIS - 6, x2: x(first + days), y2: AXIS - 6, stroke: "#999999" }, chart);
    ticks().forEach(function (t) {
      var tx = x(t[0]).toFixed(1);
      shape("line", { x1: tx, y1: AXIS - 10, x2: tx, y2: height, stroke: "#e3e3e3" }, chart);
      label(tx, AXIS - 12, t[1], { fill: "#555555", "text-anchor": "middle" }, chart);
    });
    drawn.forEach(function (line, i) {
      var y = AXIS + i * ROW;
      if (line.kind === "lane") {
        shape("rect", { x: 0, y: y, width: width, height: ROW, fill: "#f3f5f8" }, chart);
        if (!isOpen(line.lane)) {
          line.lane.rows.forEach(function (row) {
            var g = shape("g", { class: "tl-mark" }, chart);
            marked(g, row, y + 6, ROW - 12);
            hover(g, row);
          });
        }
        return;
      }
      if (line.kind !== "event") return;
      var row = line.row;
      var g = shape("g", { class: "tl-row" }, chart);
      shape("rect", { class: "tl-hit", x: 0, y: y, width: width, height: ROW, fill: "#ffffff",
        "fill-opacity": 0 }, g);
      var right = marked(g, row, y + 5, ROW - 10);
      var words = [row.time_label, row.precision, row.factual ? "" : "not factual"]
        .filter(Boolean).join(" \u00b7 ");
      label(right + 6, y + ROW / 2 + 4, words, { fill: "#555555", "font-style": "italic" }, g);
      hover(g, row);
    });
    return drawn;
  }

  function describe(row) {
    var box = document.createDocumentFragment();
    var when = row.begin === row.end ? (row.begin || "undated")
      : (row.begin || "\u2026") + " to " + (row.end || "\u2026");
    box.appendChild(textEl("div", "tl-name", row.label));
    box.appendChild(textEl("div", "tl-muted", row.type_label + " \u00b7 " + row.precision + " precision" +
      (row.factual ? "" : " \u00b7 not factual")));
    if (row.actors.length) box.appendChild(textEl("div", "tl-muted", row.actors.join(", ")));
    if (row.time_label || when) {
      box.appendChild(textEl("div", "tl-muted",
        row.time_label ? row.time_label + (when ? " (" + when + ")" : "") : when));
    }
    if (!row.factual && row.factuality) {
      box.appendChild(textEl("div", "tl-muted", "Factuality: " + row.factuality));
    }
    if (row.quote) box.appendChild(textEl("div", "tl-quote", "\u201c" + row.quote + "\u201d"));
    if (row.source || row.source_url) {
      box.appendChild(textEl("div", "tl-muted", "Source: " + (row.source || row.source_url)));
    }
    if (row.source && row.source_url) box.appendChild(textEl("div", "tl-muted", row.source_url));
    return box;
  }

  function showTip(row, cx, cy) {
    tip.replaceChildren(describe(row));
    tip.hidden = false;
    tip.style.left = Math.max(0, Math.min(cx + 14, window.innerWidth - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.max(0, Math.min(cy + 14, window.innerHeight - tip.offsetHeight - 4)) + "px";
  }

  function hover(node, row) {
    node.addEventListener("mousemove", function (ev) { showTip(row, ev.clientX, ev.clientY); });
    node.addEventListener("mouseleave", function () { tip.hidden = true; });
  }

  function buildSide(drawn) {
    labelsBox.replaceChildren();
    var spacer = el("div", "tl-spacer");
    spacer.style.height = AXIS + "px";
    labelsBox.appendChild(spacer);
    drawn.forEach(function (line) {
      if (line.kind === "lane") {
        var head = el("div", "tl-lane");
        var b = el("button", "tl-lane-button");
        b.type = "button";
        b.setAttribute("aria-expanded", String(isOpen(line.lane)));
        b.appendChild(el("span", "tl-caret", isOpen(line.lane) ? "\u25be " : "\u25b8 "));
        b.appendChild(textEl("span", "tl-name", line.lane.name));
        b.appendChild(el("span", "tl-muted", " (" + line.lane.rows.length + ")"));
        b.addEventListener("click", function () { toggleLane(line.lane.key); });
        head.dataset.lane = line.lane.key;
        head.appendChild(b);
        labelsBox.appendChild(head);
      } else if (line.kind === "event") {
        var row = textEl("div", "tl-event" + (line.row.factual ? "" : " tl-nonfactual"));
        if (served && line.row.doc) {  // kg serve's document page; nothing to link from file://
          var a = textEl("a", "", line.row.label);
          a.href = "/doc/" + encodeURIComponent(line.row.doc);
          row.appendChild(a);
        } else {
          row.textContent = line.row.label;
        }
        hover(row, line.row);
        labelsBox.appendChild(row);
      } else {
        var more = el("div", "tl-lane");
        var mb = el("button", "tl-lane-button", "\u25b8 " + line.count + " more lanes");
        mb.type = "button";
        mb.id = "tl-more-lanes";
        mb.addEventListener("click", function () { allLanes = true; refresh(); });
        more.appendChild(mb);
        labelsBox.appendChild(more);
      }
    });
  }

  function buildUndated() {
    var list = document.getElementById("tl-undated");
    list.replaceChildren();
    var shown = model.undated.filter(passes);
    shown.forEach(function (row) {
      var item = el("li", row.factual ? "" : "tl-nonfactual");
      item.appendChild(textEl("span", "tl-name", row.label));
      var more = [row.type_label, row.time_label, row.actors.join(", ")].filter(Boolean).join(" \u00b7 ");
      if (more) item.appendChild(textEl("span", "tl-muted", " \u2014 " + more));
      if (!row.factual) item.appendChild(el("span", "tl-muted", " (not factual)"));
      hover(item, row);
      list.appendChild(item);
    });
    document.getElementById("tl-undated-count").textContent =
      "Undated in the source (" + shown.length + ")";
    document.getElementById("tl-undated-box").hidden = model.undated.length === 0;
    return shown.length;
  }

  function refresh() {
    buildLanes();
    var drawn = render();
    buildSide(drawn);
    var undated = buildUndated();
    var shown = lanes.reduce(function (n, l) { return n + l.rows.length; }, 0);
    var text = shown === model.rows.length
      ? model.rows.length + " dated" : "showing " + shown + " of " + model.rows.length + " dated";
    text += " \u00b7 " + undated + " undated \u00b7 " + lanes.length + " lanes";
    document.getElementById("tl-counts").textContent = text;
    tip.hidden = true;
  }

  function options(select, values, allText) {
    select.replaceChildren();
    var all = el("option", "", allText);
    all.value = "";
    select.appendChild(all);
    values.forEach(function (v) {
      var o = textEl("option", "", v);
      o.value = v;
      select.appendChild(o);
    });
  }

  function buildFilters() {
    var everything = model.rows.concat(model.undated);
    var actors = new Set(), docs = new Set();
    everything.forEach(function (r) {
      r.actors.forEach(function (a) { actors.add(a); });
      docs.add(r.doc || r.source || "(no document)");
    });
    var sorted = function (set) { return Array.from(set).sort(function (a, b) { return a.localeCompare(b); }); };
    options(document.getElementById("tl-actor"), sorted(actors), "all actors");
    options(document.getElementById("tl-doc"), sorted(docs), "all documents");
    document.getElementById("tl-actor").addEventListener("change", function (e) { setFilter({ actor: e.target.value }); });
    document.getElementById("tl-doc").addEventListener("change", function (e) { setFilter({ doc: e.target.value }); });
    document.getElementById("tl-factual").addEventListener("change", function (e) { setFilter({ factual: e.target.value }); });
    document.getElementById("tl-group").addEventListener("change", function (e) { setGroup(e.target.value); });
    if (!everything.some(function (r) { return !r.factual; })) {
      document.getElementById("tl-factual-box").hidden = true;
    }
  }

  function setFilter(change) {
    Object.keys(change).forEach(function (k) { filters[k] = change[k]; });
    ["actor", "doc", "factual"].forEach(function (k) {
      var select = document.getElementById(k === "doc" ? "tl-doc" : "tl-" + k);
      if (select.value !== filters[k]) select.value = filters[k];
    });
    refresh();
  }

  function setGroup(mode) {
    groupBy = ["actor", "document", "type"].indexOf(mode) === -1 ? "actor" : mode;
    document.getElementById("tl-group").value = groupBy;
    allLanes = false;
    refresh();
  }

  function buildLegend() {
    var box = document.getElementById("tl-legend");
    function item(background, text, entry) {
      var span = el(entry ? "label" : "span");
      if (entry) {
        var tick = el("input");
        tick.type = "checkbox";
        tick.checked = true;
        tick.dataset.types = entry.types;
        tick.addEventListener("change", function () {
          entry.types.split(", ").forEach(function (t) {
            var key = entry.color + "\n" + t;
            if (tick.checked) filters.hiddenTypes.delete(key); else filters.hiddenTypes.add(key);
          });
          span.classList.toggle("tl-off", !tick.checked);
          refresh();
        });
        span.appendChild(tick);
      }
      var key = el("span", "tl-key");
      key.style.background = background;
      span.appendChild(key);
      span.appendChild(textEl("span", "", text));
      box.appendChild(span);
    }
    model.types.forEach(function (t) { item(t.color, t.label, t); });
    item("#777777", "fixed by the source");
    item("repeating-linear-gradient(45deg, #777777 0 2px, #dddddd 2px 5px)",
      "uncertain part (month, season, year, relative)");
    item("linear-gradient(to right, #777777, transparent)", "open end");
    item("radial-gradient(circle, #777777 0 4px, transparent 5px)", "a single day");
    var nonfactual = el("span");
    var key = el("span", "tl-key tl-key-nonfactual");
    nonfactual.appendChild(key);
    nonfactual.appendChild(el("span", "", "not factual (outlined)"));
    box.appendChild(nonfactual);
  }

  function zoom(factor) {
    var center = (scroll.scrollLeft + scroll.clientWidth / 2) / pxPerDay;
    pxPerDay = Math.min(200, Math.max(fitScale() / 4, pxPerDay * factor));
    render();
    scroll.scrollLeft = center * pxPerDay - scroll.clientWidth / 2;
  }

  function fitScale() {
    return Math.max((scroll.clientWidth - 220) / days, 1e-4);
  }

  function fit() {
    pxPerDay = fitScale();
    render();
    scroll.scrollLeft = 0;
  }

  document.getElementById("tl-zoom-in").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("tl-zoom-out").addEventListener("click", function () { zoom(1 / 1.5); });
  document.getElementById("tl-fit").addEventListener("click", fit);
  scroll.addEventListener("wheel", function (ev) {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });

  buildLegend();
  buildFilters();
  buildLanes();
  pxPerDay = fitScale();
  refresh();
  document.body.dataset.ready = "1";
  window.kgTimeline = {
    model: model, rows: model.rows.length, undated: model.undated.length, zoom: zoom, fit: fit,
    scale: function () { return pxPerDay; },
    lanes: function () {
      return lanes.map(function (l) { return { key: l.key, count: l.rows.length, open: isOpen(l) }; });
    },
    shownLanes: function () { return shownLanes.length; },
    visibleRows: function () { return lanes.reduce(function (n, l) { return n + l.rows.length; }, 0); },
    toggleLane: toggleLane, setFilter: setFilter, setGroup: setGroup,
    showTooltip: function (i) {
      var row = model.rows[i] || model.undated[i - model.rows.length];
      if (row) showTip(row, 20, 20);
      return Boolean(row);
    },
  };
})();
