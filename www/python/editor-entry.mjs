// The Python editor of the "Your own Python" view: CodeMirror 6 with Python highlighting,
// bundled by tools/python-assets.mjs (esbuild, ESM, minified) into dist/python/editor.js.
//
//   import { mount } from './python/editor.js';
//   const editor = mount(parent, 'print("hi")\n', (text) => { ... }, { label: 'Your program' });
//   editor.get(); editor.set(text); editor.focus(); editor.destroy();
//
// mount(parent, text, onChange, options) appends an editor to `parent` holding `text` and calls
// onChange(text) after every change of the document (typing, undo, paste, and set() with a
// different text). options.label becomes the aria-label of the editable element (role
// "textbox", aria-multiline). Tab and Shift-Tab indent and dedent; Escape then Tab (within two
// seconds), or Ctrl-M to toggle, lets Tab move the focus out of the editor instead, so keyboard
// users are never trapped in it.
//
// Its styles are CodeMirror's own, generated at run time by style-mod. The page's
// Content-Security-Policy (style-src 'self', no 'unsafe-inline') refuses the <style> element
// style-mod makes in a document, so the build makes style-mod use a constructable stylesheet
// (document.adoptedStyleSheets) in documents too, as it already does in shadow roots: the
// policy does not govern those (see tools/python-assets.mjs).
import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldGutter,
  foldKeymap,
} from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { python } from '@codemirror/lang-python';

// CodeMirror's basicSetup without the search panel and the lint keymap (nothing lints here).
function setup() {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
  ];
}

export function mount(parent, text = '', onChange = () => {}, options = {}) {
  if (!(parent instanceof Element)) throw new TypeError('mount: parent must be an element');
  const extensions = [
    setup(),
    python(),
    // PEP 8: four spaces.
    indentUnit.of('    '),
    EditorState.tabSize.of(4),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
  if (options.label) extensions.push(EditorView.contentAttributes.of({ 'aria-label': String(options.label) }));
  const view = new EditorView({ parent, state: EditorState.create({ doc: String(text), extensions }) });
  return {
    get: () => view.state.doc.toString(),
    set(next) {
      const value = String(next);
      if (value === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
