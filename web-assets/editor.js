// The SPARQL editor of kg serve's /sparql page: CodeMirror 6 with the legacy SPARQL mode.
// Bundled by esbuild into kg/web/static/vendor/codemirror.js (see kg/web/static/VENDORED.md).
import {EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection} from "@codemirror/view";
import {EditorState} from "@codemirror/state";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching} from "@codemirror/language";
import {sparql} from "@codemirror/legacy-modes/mode/sparql";

// Replace a <textarea> with an editor that writes its text back into the textarea, so the
// surrounding form submits it as before. onRun is called on Ctrl-Enter / Cmd-Enter.
function fromTextarea(textarea, onRun) {
  const run = () => { if (onRun) { onRun(); } return true; };
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
        StreamLanguage.define(sparql), syntaxHighlighting(defaultHighlightStyle),
        keymap.of([{key: "Mod-Enter", run}, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of(u => { if (u.docChanged) { textarea.value = u.state.doc.toString(); } }),
        EditorView.contentAttributes.of({"aria-label": "SPARQL query"}),
      ],
    }),
  });
  textarea.parentNode.insertBefore(view.dom, textarea);
  textarea.hidden = true;
  return view;
}

// Put the cursor at a 1-based line and column (a syntax error's position) and show it.
function goTo(view, line, column) {
  const doc = view.state.doc;
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
  view.dispatch({selection: {anchor: pos}, scrollIntoView: true});
  view.focus();
}

window.KGEditor = {fromTextarea, goTo};
