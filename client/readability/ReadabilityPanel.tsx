import type { Editor } from '@tiptap/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { FINDING_KINDS, type FindingKind } from '../../shared/readability/findings.ts';
import { previousSample } from '../../shared/schema/readabilityHistory.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { readabilityHighlightKey, type Highlight } from './highlightPlugin.ts';
import { JargonListEditor } from './JargonListEditor.tsx';
import { ScoreTrend } from './ScoreTrend.tsx';
import { useJargonList } from './useJargonList.ts';
import { localDay, useScoreHistory } from './useScoreHistory.ts';
import { useReadability, type PlacedFinding } from './useReadability.ts';
import './readability.css';

interface ReadabilityPanelProps {
  editor: Editor | null;
  docId: string;
  indexDoc: Y.Doc | null;
  /** Members with edit access store the daily score and may change the jargon list. */
  canEdit: boolean;
}

/** How many hints are listed before "show all": a long plan can have hundreds. */
const FIRST_FINDINGS = 25;
const SHOW_KEY = 'samenspel.readability.show';

function storedShow(): boolean {
  try {
    return localStorage.getItem(SHOW_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * "Leesbaarheid" for a plan or meeting: the Flesch-Douma score with its trend
 * and a one-line explanation, and on request the hints (long sentences,
 * passive voice, jargon, long words) listed with suggestions and marked in the
 * text. Everything is computed in this browser (useReadability.ts).
 */
export function ReadabilityPanel({ editor, docId, indexDoc, canEdit }: ReadabilityPanelProps) {
  const { t } = useTranslation();
  const jargon = useJargonList(indexDoc);
  const result = useReadability(editor, jargon);
  const samples = useScoreHistory(indexDoc, docId, result?.score ?? null, result?.words ?? 0, canEdit);
  const [show, setShow] = useState(storedShow);
  const [active, setActive] = useState<number | null>(null);
  const [all, setAll] = useState(false);
  const listId = useId();

  const suggestion = (finding: PlacedFinding): string => {
    switch (finding.kind) {
      case 'longSentence':
        return t('readability.suggestion.longSentence', { count: finding.count ?? 0 });
      case 'passive':
        return t('readability.suggestion.passive');
      case 'jargon':
        return t('readability.suggestion.jargon', { alternative: finding.alternative ?? '' });
      case 'longWord':
        return t('readability.suggestion.longWord', { count: finding.count ?? 0 });
    }
  };

  const highlights = useMemo<Highlight[]>(
    () =>
      show && result
        ? result.findings.map((finding) => ({
            number: finding.number,
            kind: finding.kind,
            from: finding.from,
            to: finding.to,
            title: `${t(`readability.kind.${finding.kind}`)}: ${suggestion(finding)}`,
          }))
        : [],
    // `suggestion` only depends on `t`.
    [show, result, t],
  );

  const hadHighlights = useRef(false);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Nothing shown before or after: leave the editor's state alone.
    if (highlights.length === 0 && !hadHighlights.current) return;
    hadHighlights.current = highlights.length > 0;
    editor.view.dispatch(editor.state.tr.setMeta(readabilityHighlightKey, { highlights, active }));
  }, [editor, highlights, active]);

  const toggle = (): void => {
    const next = !show;
    setShow(next);
    setActive(null);
    try {
      localStorage.setItem(SHOW_KEY, next ? '1' : '0');
    } catch {
      // Not remembered on this device; the panel still works.
    }
  };

  const select = (finding: PlacedFinding): void => {
    if (!editor || editor.isDestroyed) return;
    setActive(finding.number);
    editor.chain().setTextSelection({ from: finding.from, to: finding.to }).scrollIntoView().run();
    editor.view.focus();
    // A read-only editor does not scroll for a selection; the marked text itself does.
    const mark = editor.view.dom.querySelector(`[data-finding="${finding.number}"]`);
    mark?.scrollIntoView({ block: 'center' });
  };

  const counts = useMemo(() => {
    const byKind = new Map<FindingKind, number>();
    for (const finding of result?.findings ?? []) byKind.set(finding.kind, (byKind.get(finding.kind) ?? 0) + 1);
    return byKind;
  }, [result]);

  const today = localDay();
  const previous = previousSample(samples, today);
  const score = result?.score ?? null;
  const shown = result ? (all ? result.findings : result.findings.slice(0, FIRST_FINDINGS)) : [];
  const dayFormat = new Intl.DateTimeFormat(currentLanguage(), { day: 'numeric', month: 'long' });
  const trendText = (current: number): string => {
    if (!previous) return t('readability.trendNone');
    const values = { day: dayFormat.format(new Date(`${previous.day}T12:00:00`)), previous: previous.score };
    if (current > previous.score) return t('readability.trendUp', { ...values, change: current - previous.score });
    if (current < previous.score) return t('readability.trendDown', { ...values, change: previous.score - current });
    return t('readability.trendSame', values);
  };

  return (
    <section className="panel readability" aria-labelledby="readability-title">
      <h2 id="readability-title">{t('readability.title')}</h2>
      <p className="readability__indication">{t('readability.indication')}</p>
      {/* Not a live region: the score changes while people type, and reading it out each time would interrupt them. */}
      <div className="readability__score-block">
        {!result ? (
          <p>{t('readability.waiting')}</p>
        ) : score === null || result.band === null ? (
          <p>{t('readability.tooLittle')}</p>
        ) : (
          <>
            <p className="readability__score">
              <strong>{t('readability.score', { score: Math.round(score) })}</strong>
            </p>
            <p className="readability__explanation">{t(`readability.band.${result.band}`)}</p>
          </>
        )}
      </div>
      {result && score !== null && (
        <>
          <p className="muted readability__scale">
            {t('readability.scale')} {t('readability.counts', { words: result.words, sentences: result.sentences })}
          </p>
          <ScoreTrend samples={samples} today={today} current={Math.round(score)} />
          <p className="readability__trend">{trendText(Math.round(score))}</p>
        </>
      )}
      {result && (
        <ul className="readability__summary">
          {FINDING_KINDS.map((kind) => (
            <li key={kind}>
              <span className={`readability-sample readability-mark--${kind}`}>{t(`readability.kind.${kind}`)}</span>
              {': '}
              {t(`readability.summary.${kind}`, { count: counts.get(kind) ?? 0 })}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary" aria-expanded={show} aria-controls={listId} onClick={toggle} disabled={!result}>
        {show ? t('readability.hide') : t('readability.show', { count: result?.findings.length ?? 0 })}
      </button>
      <div id={listId} hidden={!show}>
        {show && result && (
          <>
            <h3>{t('readability.findingsTitle')}</h3>
            {result.findings.length === 0 ? (
              <p>{t('readability.noFindings')}</p>
            ) : (
              <>
                <p className="muted">{t('readability.findingsIntro')}</p>
                <ol className="readability__findings">
                  {shown.map((finding) => (
                    <li key={`${finding.number}-${finding.kind}`} className="readability__finding">
                      <button
                        type="button"
                        className="readability__finding-button"
                        aria-current={active === finding.number ? 'true' : undefined}
                        onClick={() => select(finding)}
                      >
                        <span className="readability__finding-head">
                          <span className="readability-marker" aria-hidden="true">
                            {finding.number}
                          </span>
                          <span className={`readability-sample readability-mark--${finding.kind}`}>{t(`readability.kind.${finding.kind}`)}</span>
                        </span>
                        <span className="readability__finding-text">
                          “{finding.text.length > 90 ? `${finding.text.slice(0, 90)}…` : finding.text}”
                        </span>
                        <span className="readability__finding-tip">{suggestion(finding)}</span>
                      </button>
                    </li>
                  ))}
                </ol>
                {!all && result.findings.length > FIRST_FINDINGS && (
                  <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
                    {t('readability.moreFindings', { count: result.findings.length })}
                  </button>
                )}
              </>
            )}
          </>
        )}
      </div>
      <p className="muted readability__privacy">{t('readability.privacy')}</p>
      <JargonListEditor indexDoc={indexDoc} entries={jargon} canEdit={canEdit} />
    </section>
  );
}
