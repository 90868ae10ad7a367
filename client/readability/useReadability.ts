/**
 * Keeps a readability analysis of the editor's text up to date: after the
 * text has been still for a moment (debounced), its blocks go to a Web Worker
 * in this browser and the findings come back with their places in the text.
 * An answer for text that has changed since is dropped; the change itself
 * already asked for a new one.
 */
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { useEffect, useRef, useState } from 'react';
import type { Finding, ReadabilityResult } from '../../shared/readability/analyzeText.ts';
import type { JargonEntry } from '../../shared/readability/jargonMatcher.ts';
import { startAnalyzer } from './analyzer.ts';
import { documentRange, editorBlocks } from './editorBlocks.ts';
import type { AnalyzeRequest, AnalyzeResponse } from './workerMessages.ts';

export const ANALYSIS_DELAY_MS = 600;

export interface PlacedFinding extends Finding {
  /** 1-based, in text order: the number shown in the list and after the finding in the text. */
  number: number;
  from: number;
  to: number;
}

export interface PlacedResult extends Omit<ReadabilityResult, 'findings'> {
  findings: PlacedFinding[];
}

export function useReadability(editor: Editor | null, jargon: readonly JargonEntry[]): PlacedResult | null {
  const [result, setResult] = useState<PlacedResult | null>(null);
  const jargonRef = useRef(jargon);
  const scheduleRef = useRef<(() => void) | null>(null);

  // A changed jargon list asks for a new analysis of the same text.
  useEffect(() => {
    if (jargonRef.current === jargon) return;
    jargonRef.current = jargon;
    scheduleRef.current?.();
  }, [jargon]);

  useEffect(() => {
    if (!editor) return undefined;
    let requestId = 0;
    let pending: { id: number; doc: ProseMirrorNode; positions: number[][] } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const send = (): void => {
      if (editor.isDestroyed) return;
      const doc = editor.state.doc;
      const { blocks, positions } = editorBlocks(doc);
      requestId += 1;
      pending = { id: requestId, doc, positions };
      const request: AnalyzeRequest = { id: requestId, blocks, jargon: [...jargonRef.current] };
      analyzer.analyze(request);
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(send, ANALYSIS_DELAY_MS);
    };
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }): void => {
      if (transaction.docChanged) schedule();
    };

    const analyzer = startAnalyzer(({ id, result: raw }: AnalyzeResponse) => {
      if (!pending || id !== pending.id || editor.isDestroyed || editor.state.doc !== pending.doc) return;
      const { positions } = pending;
      const findings: PlacedFinding[] = [];
      for (const finding of raw.findings) {
        const range = documentRange(positions, finding.block, finding.start, finding.end);
        if (range) findings.push({ ...finding, ...range, number: findings.length + 1 });
      }
      setResult({ ...raw, findings });
    });

    editor.on('update', onUpdate);
    scheduleRef.current = schedule;
    send();
    return () => {
      scheduleRef.current = null;
      clearTimeout(timer);
      editor.off('update', onUpdate);
      analyzer.stop();
    };
  }, [editor]);

  return result;
}
