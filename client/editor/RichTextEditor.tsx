import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { CaretUser } from '../collab/caretIdentity.ts';
import { richTextExtensions, type EditorAdditions } from './extensions.ts';
import { Toolbar } from './Toolbar.tsx';

interface RichTextEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  me: CaretUser;
  editable: boolean;
  /** Accessible name of the text area, e.g. "Tekst van Plan van aanpak". */
  label: string;
  /** Extra buttons for this kind of document (e.g. "Aanwezigen invullen"), shown with the toolbar. */
  actions?: (editor: Editor) => ReactNode;
  /** Meeting notes: decision and action chips and their commands (read once, when the editor is made). */
  additions?: EditorAdditions;
  /** Told about the editor once it exists (and null when it goes), for panels beside the text. */
  onEditor?: (editor: Editor | null) => void;
}

/**
 * The collaborative editor for one rich text document. Mount it only once the
 * document is there (the server's copy or this device's own): an editor on an
 * empty Y.Doc would otherwise write its own empty paragraph in front of the
 * document everyone else already has.
 */
export function RichTextEditor({ doc, provider, me, editable, label, actions, additions, onEditor }: RichTextEditorProps) {
  // Made once per document: `me` is read here only at the start; later name or
  // colour changes go through updateUser below, without rebuilding the editor.
  const extensions = useMemo(() => richTextExtensions(doc, provider, me, additions), [doc, provider]);
  const editor = useEditor(
    {
      extensions,
      editable,
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [doc, provider],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, editable, label]);

  useEffect(() => {
    editor?.commands.updateUser(me);
  }, [editor, me]);

  useEffect(() => {
    if (!editor || !onEditor) return undefined;
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  if (!editor) return null;
  return (
    <div className="editor">
      {editable && <Toolbar editor={editor} />}
      {editable && actions && <div className="editor__actions">{actions(editor)}</div>}
      <EditorContent editor={editor} className="editor__surface" />
    </div>
  );
}

function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-readonly': String(!editable),
    class: 'editor__content',
  };
}
