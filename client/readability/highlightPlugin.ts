/**
 * Marks the readability findings in the editor with ProseMirror decorations:
 * a different underline style per kind (never colour alone) and a small
 * number after each finding that matches its place in the panel's list.
 * The decorations follow the text while people type (mapped through every
 * change) until the next analysis replaces them.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { FindingKind } from '../../shared/readability/analyzeText.ts';

export interface Highlight {
  number: number;
  kind: FindingKind;
  from: number;
  to: number;
  /** Shown on hover: the finding's suggestion. */
  title: string;
}

interface HighlightState {
  decorations: DecorationSet;
}

export const readabilityHighlightKey = new PluginKey<HighlightState>('readabilityHighlights');

function marker(number: number): HTMLElement {
  const element = document.createElement('span');
  element.className = 'readability-marker';
  element.textContent = String(number);
  // The panel lists every finding with its suggestion; inside the text the number would interrupt reading aloud.
  element.setAttribute('aria-hidden', 'true');
  element.contentEditable = 'false';
  return element;
}

function build(state: EditorState, highlights: readonly Highlight[], active: number | null): DecorationSet {
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const highlight of highlights) {
    if (highlight.from < 0 || highlight.to > size || highlight.from >= highlight.to) continue;
    const activeClass = highlight.number === active ? ' readability-mark--active' : '';
    decorations.push(
      Decoration.inline(highlight.from, highlight.to, {
        class: `readability-mark readability-mark--${highlight.kind}${activeClass}`,
        title: highlight.title,
        'data-finding': String(highlight.number),
      }),
      Decoration.widget(highlight.to, () => marker(highlight.number), { side: 1, ignoreSelection: true, key: `marker-${highlight.number}-${highlight.kind}` }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

export interface HighlightUpdate {
  highlights: readonly Highlight[];
  active: number | null;
}

export function readabilityHighlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: readabilityHighlightKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty }),
      apply(tr: Transaction, value: HighlightState, _old: EditorState, next: EditorState): HighlightState {
        const update = tr.getMeta(readabilityHighlightKey) as HighlightUpdate | undefined;
        if (update) return { decorations: build(next, update.highlights, update.active) };
        return tr.docChanged ? { decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
      },
    },
    props: {
      decorations: (state) => readabilityHighlightKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}
