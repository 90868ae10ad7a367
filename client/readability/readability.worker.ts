/**
 * Runs the readability analysis off the main thread, so typing stays smooth in
 * long plans. The text comes from this browser's own editor and the answer
 * goes back to it: nothing is sent anywhere else.
 */
import { analyzeText } from '../../shared/readability/analyzeText.ts';
import type { AnalyzeRequest, AnalyzeResponse } from './workerMessages.ts';

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const { id, blocks, jargon } = event.data;
  const response: AnalyzeResponse = { id, result: analyzeText(blocks, jargon) };
  self.postMessage(response);
};
