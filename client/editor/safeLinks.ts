/**
 * Links in a document may only lead to web pages and e-mail addresses. TipTap's
 * own check allows more (ftp:, tel:, sms:, …) and, when it refuses an address
 * in a mark that arrived from elsewhere (another client writing the Yjs
 * document directly), still renders the link with an empty href, which a
 * reader's click would follow back to the page itself. So: one rule for the
 * link form, the link commands, pasted HTML and rendering (isSafeLinkHref), and
 * clicks on a link whose address was refused go nowhere.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** What browsers skip or ignore inside a URL's scheme (control characters, spaces, invisible marks). */
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** True for http(s) and mailto addresses, and for addresses without a scheme (a bare host, a path). */
export function isSafeLinkHref(href: unknown): boolean {
  if (typeof href !== 'string' || href.trim() === '') return false;
  const scheme = /^([^:/?#]+):/.exec(href.replace(IGNORED_IN_SCHEME, ''))?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

/** A click on a link whose address was refused (rendered without a usable href) does nothing. */
export const refusedLinksGoNowhere = Extension.create({
  name: 'refusedLinksGoNowhere',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('refusedLinksGoNowhere'),
        props: {
          handleDOMEvents: {
            click(_view, event) {
              const link = event.target instanceof Element ? event.target.closest('a') : null;
              if (!link || isSafeLinkHref(link.getAttribute('href'))) return false;
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
