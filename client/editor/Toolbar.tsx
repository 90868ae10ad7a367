import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ToolbarProps {
  editor: Editor;
}

/** Formatting buttons with real words on them; toggles say whether they are on. */
export function Toolbar({ editor }: ToolbarProps) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  // On a phone the formatting buttons fold away behind one button, so the text gets the screen.
  const [formatOpen, setFormatOpen] = useState(false);
  const formatId = useId();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading', { level: 2 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      taskList: e.isActive('taskList'),
      link: e.isActive('link'),
      linkHref: (e.getAttributes('link').href as string | undefined) ?? '',
      table: e.isActive('table'),
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
    { key: 'taskList', label: t('doc.taskList'), active: state.taskList, run: () => editor.chain().focus().toggleTaskList().run() },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label={t('doc.toolbar')} data-open={formatOpen || undefined}>
      <button
        type="button"
        className="toolbar__button toolbar__toggle"
        aria-expanded={formatOpen}
        aria-controls={formatId}
        onClick={() => setFormatOpen((open) => !open)}
      >
        {formatOpen ? t('doc.hideFormatting') : t('doc.showFormatting')}
      </button>
      <div className="toolbar__group toolbar__group--format" id={formatId}>
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
        <button type="button" className="toolbar__button" aria-pressed={state.link} aria-expanded={linkOpen} onClick={() => setLinkOpen((open) => !open)}>
          {t('doc.link')}
        </button>
        {!state.table ? (
          <button
            type="button"
            className="toolbar__button"
            onClick={() => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            {t('doc.table')}
          </button>
        ) : (
          <>
            <button type="button" className="toolbar__button" onClick={() => editor.chain().focus().addRowAfter().run()}>
              {t('doc.addRow')}
            </button>
            <button type="button" className="toolbar__button" onClick={() => editor.chain().focus().addColumnAfter().run()}>
              {t('doc.addColumn')}
            </button>
            <button type="button" className="toolbar__button" onClick={() => editor.chain().focus().deleteRow().run()}>
              {t('doc.deleteRow')}
            </button>
            <button type="button" className="toolbar__button" onClick={() => editor.chain().focus().deleteTable().run()}>
              {t('doc.deleteTable')}
            </button>
          </>
        )}
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
      {linkOpen && <LinkForm editor={editor} current={state.linkHref} onDone={() => setLinkOpen(false)} />}
    </div>
  );
}

/** Web addresses people type without "https://" still work; only http(s) and mailto are links. */
export function normaliseLink(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : value.includes('@') && !value.includes('/') ? `mailto:${value}` : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function LinkForm({ editor, current, onDone }: { editor: Editor; current: string; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(current);
  const [problem, setProblem] = useState(false);
  // The address as it came (from anyone's client): offered to open only when it is a web or mail address.
  const openHref = normaliseLink(current);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const href = normaliseLink(value);
    if (!href) {
      setProblem(true);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    onDone();
  };
  return (
    <form className="toolbar__link-form" onSubmit={submit}>
      <label className="field__label" htmlFor={id}>
        {t('doc.linkAddress')}
      </label>
      <input
        id={id}
        className="field__input"
        type="text"
        inputMode="url"
        value={value}
        autoFocus
        aria-invalid={problem || undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      {problem && (
        <p className="message message--error" role="alert">
          {t('doc.linkInvalid')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('doc.linkSave')}
        </button>
        {openHref && (
          <a className="button button--secondary" href={openHref} target="_blank" rel="noopener noreferrer">
            {t('doc.linkOpen')}
          </a>
        )}
        {current && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onDone();
            }}
          >
            {t('doc.linkRemove')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('rename.cancel')}
        </button>
      </div>
    </form>
  );
}
