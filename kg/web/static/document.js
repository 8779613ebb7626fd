// kg workbench /doc/<id>: hover or click a highlight to see its item and statements.
"use strict";
(function () {
  const items = JSON.parse(document.getElementById("kg-items").textContent);
  const details = document.getElementById("kg-details");
  const text = document.getElementById("kg-text");
  let pinned = null;

  function el(tag, textValue, cls) {
    const e = document.createElement(tag);
    if (textValue !== undefined) { e.textContent = textValue; }
    if (cls) { e.className = cls; }
    return e;
  }
  function nodeLink(n) {
    if (n && n.href) { const a = el("a", n.label); a.href = n.href; return a; }
    return el("span", n ? n.label : "");
  }
  function show(key) {
    const item = items[key];
    if (!item) { return; }
    details.replaceChildren();
    const h = el("h2");
    h.appendChild(nodeLink({label: item.label, href: item.href}));
    details.appendChild(h);
    details.appendChild(el("p", item.kind_label, "kg-kind"));
    const dl = el("dl", undefined, "kg-statements");
    item.statements.forEach(s => {
      dl.appendChild(el("dt", s.property.label));
      const dd = el("dd");
      dd.appendChild(nodeLink(s.value));
      dl.appendChild(dd);
    });
    details.appendChild(dl);
    text.querySelectorAll("mark.kg-active").forEach(m => m.classList.remove("kg-active"));
    text.querySelectorAll("mark").forEach(m => {
      const first = m.dataset.item !== undefined ? m : text.querySelector('[data-anchor="' + m.dataset.part + '"]');
      if (first && first.dataset.item === key) { m.classList.add("kg-active"); }
    });
  }
  function markOf(target) {
    let m = target.closest("mark");
    if (m && m.dataset.part !== undefined) {
      m = text.querySelector('[data-anchor="' + m.dataset.part + '"]');
    }
    return m;
  }
  text.addEventListener("mouseover", e => {
    const m = markOf(e.target);
    if (m && pinned === null) { show(m.dataset.item); }
  });
  text.addEventListener("click", e => {
    const m = markOf(e.target);
    if (m) { pinned = m.dataset.item; show(pinned); }
  });
  document.querySelectorAll("button.kg-goto").forEach(b => b.addEventListener("click", () => {
    pinned = b.dataset.item;
    show(pinned);
    const m = text.querySelector('mark[data-item="' + CSS.escape(pinned) + '"]');
    if (m) { m.scrollIntoView({block: "center"}); }
  }));
  document.querySelectorAll(".kg-legend input[data-kind]").forEach(box => box.addEventListener("change", () => {
    text.classList.toggle("kg-hide-" + box.dataset.kind, !box.checked);
  }));
})();
