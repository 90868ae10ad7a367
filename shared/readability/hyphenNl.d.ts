/**
 * The `hyphen` package ships no types. Only the Dutch entry point is used:
 * a CommonJS module whose `module.exports` is this object (import it as default).
 */
declare module 'hyphen/nl' {
  interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
  }
  const hyphenNl: {
    hyphenateSync(text: string, options?: HyphenOptions): string;
  };
  export default hyphenNl;
}
