/**
 * Links in a document may only lead to web pages and e-mail addresses: one rule
 * for the editor (link form, commands, paste, rendering), imports, and every
 * export. Written against how browsers read a URL's scheme, so `java\tscript:`
 * or ` javascript:` cannot slip past as "no scheme".
 */

/** What browsers skip or ignore inside a URL's scheme (control characters, spaces, invisible marks). */
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** True for http(s) and mailto addresses, and for addresses without a scheme (a bare host, a path). */
export function isSafeLinkHref(href: unknown): boolean {
  if (typeof href !== 'string' || href.trim() === '') return false;
  const scheme = /^([^:/?#]+):/.exec(href.replace(IGNORED_IN_SCHEME, ''))?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

/** The address to use for a link (trimmed), or null when it may not be one. */
export function safeLinkHref(href: unknown): string | null {
  return isSafeLinkHref(href) ? (href as string).trim() : null;
}
