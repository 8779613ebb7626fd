// kg workbench /sparql: the CodeMirror editor over the form's textarea; errors placed.
"use strict";
(function () {
  const form = document.getElementById("kg-query-form");
  const textarea = document.getElementById("kg-query");
  if (!form || !textarea || !window.KGEditor) { return; }
  const view = window.KGEditor.fromTextarea(textarea, () => form.requestSubmit());
  window.kgEditor = view;
  const error = document.getElementById("kg-error");
  if (error && error.dataset.line) {
    window.KGEditor.goTo(view, Number(error.dataset.line), Number(error.dataset.column));
  }
})();
