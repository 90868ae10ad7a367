import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { JargonEntry } from '../../shared/readability/jargonMatcher.ts';
import {
  MAX_JARGON_ALTERNATIVE_LENGTH,
  MAX_JARGON_WORD_LENGTH,
  normalizeJargonWord,
  removeJargonEntry,
  setJargonEntry,
  type JargonProblem,
} from '../../shared/schema/jargonList.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { TextField } from '../ui/TextField.tsx';

interface JargonListEditorProps {
  indexDoc: Y.Doc | null;
  entries: readonly JargonEntry[];
  canEdit: boolean;
}

/**
 * The workspace's word list (difficult word → plainer word), folded away
 * under the readability panel. Members who can write add, change and remove
 * words; everyone else reads it. Changes are live for everyone (index doc).
 */
export function JargonListEditor({ indexDoc, entries, canEdit }: JargonListEditorProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const writable = canEdit && indexDoc !== null;
  const needle = query.trim().toLowerCase();
  const shown = needle === '' ? entries : entries.filter((entry) => entry.word.includes(needle) || entry.alternative.toLowerCase().includes(needle));

  return (
    <details className="jargon-list">
      <summary className="jargon-list__summary">{t('jargon.summary', { count: entries.length })}</summary>
      <p>{t('jargon.intro')}</p>
      {!writable && <p className="muted">{t('jargon.viewOnly')}</p>}
      {writable && (
        <JargonForm
          title={t('jargon.addTitle')}
          submitLabel={t('jargon.add')}
          onSubmit={(word, alternative) => {
            const problem = setJargonEntry(indexDoc, word, alternative);
            if (!problem) setStatus(t('jargon.saved', { word: normalizeJargonWord(word) }));
            return problem;
          }}
        />
      )}
      <p className="jargon-list__status" role="status">
        {status}
      </p>
      <TextField label={t('jargon.search')} value={query} onChange={setQuery} required={false} />
      {shown.length === 0 && <p>{t('jargon.noMatch')}</p>}
      <ul className="jargon-list__items">
        {shown.map((entry) => (
          <li key={entry.word} className="jargon-list__item">
            {editing === entry.word && writable ? (
              <JargonForm
                title={t('jargon.editLabel', { word: entry.word })}
                submitLabel={t('jargon.save')}
                initial={entry}
                onCancel={() => setEditing(null)}
                onSubmit={(word, alternative) => {
                  const problem = setJargonEntry(indexDoc, word, alternative, entry.word);
                  if (!problem) {
                    setEditing(null);
                    setStatus(t('jargon.saved', { word: normalizeJargonWord(word) }));
                  }
                  return problem;
                }}
              />
            ) : (
              <>
                <p className="jargon-list__text">
                  <strong lang="nl">{entry.word}</strong> → {entry.alternative}
                </p>
                {writable && (
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t('jargon.editLabel', { word: entry.word })}
                      onClick={() => setEditing(entry.word)}
                    >
                      {t('jargon.edit')}
                    </button>
                    <ConfirmButton
                      label={t('jargon.remove')}
                      ariaLabel={t('jargon.removeLabel', { word: entry.word })}
                      question={t('jargon.removeQuestion', { word: entry.word })}
                      confirmLabel={t('jargon.removeYes')}
                      cancelLabel={t('jargon.removeNo')}
                      onConfirm={() => {
                        if (removeJargonEntry(indexDoc, entry.word)) setStatus(t('jargon.removed', { word: entry.word }));
                      }}
                    />
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

interface JargonFormProps {
  title: string;
  submitLabel: string;
  initial?: JargonEntry;
  onSubmit(word: string, alternative: string): JargonProblem | null;
  onCancel?(): void;
}

function JargonForm({ title, submitLabel, initial, onSubmit, onCancel }: JargonFormProps) {
  const { t } = useTranslation();
  const [word, setWord] = useState(initial?.word ?? '');
  const [alternative, setAlternative] = useState(initial?.alternative ?? '');
  const [problem, setProblem] = useState<JargonProblem | null>(null);
  const titleId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const found = onSubmit(word, alternative);
    setProblem(found);
    if (!found && !initial) {
      setWord('');
      setAlternative('');
    }
  };

  return (
    <form className="form jargon-list__form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h3 id={titleId} className="jargon-list__form-title">
        {title}
      </h3>
      <TextField label={t('jargon.word')} value={word} onChange={setWord} maxLength={MAX_JARGON_WORD_LENGTH} />
      <TextField label={t('jargon.alternative')} value={alternative} onChange={setAlternative} maxLength={MAX_JARGON_ALTERNATIVE_LENGTH} />
      {problem && (
        <p className="message message--error" role="alert">
          {t(`jargon.problem.${problem}`)}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('jargon.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
