import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
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
  return (
    <>
      {editable && <ExplanationToolbar editor={editor} />}
      <EditorContent editor={editor} className={`explanation${editable ? ' explanation--editing' : ''}`} />
    </>
  );
}

/** The few formats a short explanation needs, as buttons (a phone has no Ctrl+B). */
function ExplanationToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ bold: e.isActive('bold'), italic: e.isActive('italic'), bulletList: e.isActive('bulletList') }),
  });
  const buttons = [
    { key: 'bold', label: t('doc.bold'), active: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: t('doc.italic'), active: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', label: t('doc.bulletList'), active: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
  ];
  return (
    <div className="toolbar__group explanation__toolbar" role="toolbar" aria-label={t('doc.toolbar')}>
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          className={`toolbar__button toolbar__button--${button.key}`}
          aria-pressed={button.active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={button.run}
        >
          {button.label}
        </button>
      ))}
    </div>
  );
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
