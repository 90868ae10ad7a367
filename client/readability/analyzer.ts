/**
 * Where the analysis runs: a Web Worker, so typing in a long plan stays
 * smooth. Where a browser cannot start one (very old, or blocked), the same
 * code runs on the page itself, loaded only then. Either way the text stays
 * in this browser.
 */
import type { AnalyzeRequest, AnalyzeResponse } from './workerMessages.ts';

export interface Analyzer {
  analyze(request: AnalyzeRequest): void;
  stop(): void;
}

export function startAnalyzer(onResponse: (response: AnalyzeResponse) => void): Analyzer {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./readability.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    console.warn('readability: no Web Worker, analysing on the page', error);
  }
  if (worker) {
    const running = worker;
    running.onmessage = (event: MessageEvent<AnalyzeResponse>) => onResponse(event.data);
    running.onerror = (event) => console.error('readability worker failed', event.message);
    return { analyze: (request) => running.postMessage(request), stop: () => running.terminate() };
  }
  let stopped = false;
  return {
    analyze(request) {
      void import('../../shared/readability/analyzeText.ts').then(({ analyzeText }) => {
        if (!stopped) onResponse({ id: request.id, result: analyzeText(request.blocks, request.jargon) });
      });
    },
    stop() {
      stopped = true;
    },
  };
}
