import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type * as Y from 'yjs';

interface ExplanationEditorProps {
  fragment: Y.XmlFragment;
  editable: boolean;
  label: string;
  /** Told once per local change, so the page knows the proposal was changed here. */
  onLocalChange(): void;
}

/**
 * A decision's explanation: short rich text (paragraphs, lists, bold, links)
 * bound to its own fragment in the decision list's document, so several
 * people can change it together. No carets: one list document holds many
 * explanations, and a caret position only means something in one of them.
 */
export function ExplanationEditor({ fragment, editable, label, onLocalChange }: ExplanationEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: false,
          codeBlock: false,
          horizontalRule: false,
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] },
        }),
        Collaboration.configure({ fragment }),
      ],
      editable,
      editorProps: { attributes: attributes(label, editable) },
    },
    [fragment],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    editor.setOptions({ editorProps: { attributes: attributes(label, editable) } });
  }, [editor, editable, label]);

  useEffect(() => {
    const observer = (_events: unknown, transaction: Y.Transaction): void => {
      if (transaction.local) onLocalChange();
    };
    fragment.observeDeep(observer);
    return () => fragment.unobserveDeep(observer);
  }, [fragment, onLocalChange]);

  if (!editor) return null;
  return <EditorContent editor={editor} className={`explanation${editable ? ' explanation--editing' : ''}`} />;
}

function attributes(label: string, editable: boolean): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-readonly': String(!editable),
    class: 'explanation__content',
  };
}
