/**
 * The editor extension that carries the readability marks. It is part of
 * every rich text editor from the start (empty until the panel shows hints),
 * because adding a plugin later reconfigures the editor, which tears down and
 * rebuilds the Yjs binding and its undo history.
 */
import { Extension } from '@tiptap/core';
import { readabilityHighlightPlugin } from './highlightPlugin.ts';

export const ReadabilityHighlights = Extension.create({
  name: 'readabilityHighlights',
  addProseMirrorPlugins() {
    return [readabilityHighlightPlugin()];
  },
});
