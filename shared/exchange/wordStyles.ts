/**
 * Word has no code block or quotation node, only paragraph styles. Our Word
 * export writes them as the styles "Code" and "Quote" (Quote is also Word's
 * own built-in name), and the import maps those styles back through mammoth's
 * style map, so a plan survives a trip through Word.
 */
export const WORD_CODE_STYLE = 'Code';
export const WORD_QUOTE_STYLE = 'Quote';

/** mammoth's style map for our imports (and for tests that read our exports the way an import does). */
export const WORD_IMPORT_STYLE_MAP: readonly string[] = [
  `p[style-name='${WORD_CODE_STYLE}'] => pre:separator('\\n')`,
  `p[style-name='${WORD_QUOTE_STYLE}'] => blockquote > p:fresh`,
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
];
