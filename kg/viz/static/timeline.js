/* kg timeline page: draws the model from the JSON block as SVG, with tooltips and zoom.
 * All text is untrusted: it enters the DOM only through textContent (never
 * innerHTML); colours were checked to be hex in Python. */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var ROW = 24;
  var AXIS = 30;
  var NOTE = 320;
  var MS_PER_DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var model = JSON.parse(document.getElementById("tl-data").textContent);
  var scroll = document.getElementById("tl-scroll");
  var chart = document.getElementById("tl-chart");
  var tip = document.getElementById("tl-tip");
  var colors = Array.from(new Set(model.rows.concat(model.undated).map(function (r) {
    return r.color;
  }).concat(["#777777"]))).sort();
  var paint = new Map(colors.map(function (c, i) { return [c, i]; }));
  var first = model.axis_begin ? dayOf(model.axis_begin) : 0;
  var days = model.axis_end ? dayOf(model.axis_end) - first + 1 : 1;
  var pxPerDay = 1;

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

  function render() {
    chart.replaceChildren();
    var width = Math.ceil(days * pxPerDay) + NOTE;
    var height = AXIS + ROW * model.rows.length + 4;
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
    model.rows.forEach(function (row, i) {
      var y = AXIS + i * ROW;
      var g = shape("g", { class: "tl-row", "data-i": i }, chart);
      shape("rect", { class: "tl-hit", x: 0, y: y, width: width, height: ROW, fill: "#ffffff",
        "fill-opacity": 0 }, g);
      var right = drawShapes(g, row, y + 5, ROW - 10);
      var words = [row.time_label, row.precision].filter(Boolean).join(" \u00b7 ");
      label(right + 6, y + ROW / 2 + 4, words, { fill: "#555555", "font-style": "italic" }, g);
      hover(g, row);
    });
  }

  function describe(row) {
    var box = document.createDocumentFragment();
    var when = row.begin === row.end ? (row.begin || "undated")
      : (row.begin || "\u2026") + " to " + (row.end || "\u2026");
    box.appendChild(textEl("div", "tl-name", row.label));
    box.appendChild(textEl("div", "tl-muted", row.type_label + " \u00b7 " + row.precision + " precision"));
    if (row.time_label || when) {
      box.appendChild(textEl("div", "tl-muted",
        row.time_label ? row.time_label + (when ? " (" + when + ")" : "") : when));
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

  function buildSide() {
    var labels = document.getElementById("tl-labels");
    labels.appendChild(el("div"));
    labels.firstChild.style.height = AXIS + "px";
    model.rows.forEach(function (row) {
      var line = textEl("div", "", row.label);
      hover(line, row);
      labels.appendChild(line);
    });
    var list = document.getElementById("tl-undated");
    model.undated.forEach(function (row) {
      var item = el("li");
      item.appendChild(textEl("span", "tl-name", row.label));
      var more = [row.type_label, row.time_label].filter(Boolean).join(" \u00b7 ");
      if (more) item.appendChild(textEl("span", "tl-muted", " \u2014 " + more));
      hover(item, row);
      list.appendChild(item);
    });
    document.getElementById("tl-undated-box").hidden = model.undated.length === 0;
    document.getElementById("tl-counts").textContent = model.rows.length + " dated \u00b7 " +
      model.undated.length + " undated";
  }

  function buildLegend() {
    var box = document.getElementById("tl-legend");
    function item(background, text) {
      var span = el("span");
      var key = el("span", "tl-key");
      key.style.background = background;
      span.appendChild(key);
      span.appendChild(textEl("span", "", text));
      box.appendChild(span);
    }
    model.types.forEach(function (t) { item(t.color, t.label); });
    item("#777777", "fixed by the source");
    item("repeating-linear-gradient(45deg, #777777 0 2px, #dddddd 2px 5px)",
      "uncertain part (month, season, year, relative)");
    item("linear-gradient(to right, #777777, transparent)", "open end");
    item("radial-gradient(circle, #777777 0 4px, transparent 5px)", "a single day");
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
  buildSide();
  fit();
  document.body.dataset.ready = "1";
  window.kgTimeline = {
    model: model, rows: model.rows.length, undated: model.undated.length, zoom: zoom, fit: fit,
    scale: function () { return pxPerDay; },
    showTooltip: function (i) {
      var row = model.rows[i] || model.undated[i - model.rows.length];
      if (row) showTip(row, 20, 20);
      return Boolean(row);
    },
  };
})();
