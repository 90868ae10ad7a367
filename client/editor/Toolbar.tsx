import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useTranslation } from 'react-i18next';

interface ToolbarProps {
  editor: Editor;
}

/** Formatting buttons with real words on them; toggles say whether they are on. */
export function Toolbar({ editor }: ToolbarProps) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading', { level: 2 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const toggles = [
    { key: 'heading', label: t('doc.heading'), active: state.heading, run: () => editor.chain().focus().toggleHeading({ level: 2 }).run() },
    { key: 'bold', label: t('doc.bold'), active: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: t('doc.italic'), active: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', label: t('doc.bulletList'), active: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', label: t('doc.orderedList'), active: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label={t('doc.toolbar')}>
      <div className="toolbar__group">
        {toggles.map((toggle) => (
          <button
            key={toggle.key}
            type="button"
            className={`toolbar__button toolbar__button--${toggle.key}`}
            aria-pressed={toggle.active}
            onClick={toggle.run}
          >
            {toggle.label}
          </button>
        ))}
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          className="toolbar__button"
          disabled={!state.canUndo}
          onClick={() => editor.chain().focus().undo().run()}
        >
          {t('doc.undo')}
        </button>
        <button
          type="button"
          className="toolbar__button"
          disabled={!state.canRedo}
          onClick={() => editor.chain().focus().redo().run()}
        >
          {t('doc.redo')}
        </button>
      </div>
    </div>
  );
}
