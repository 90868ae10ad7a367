/**
 * Links in a document may only lead to web pages and e-mail addresses. TipTap's
 * own check allows more (ftp:, tel:, sms:, …) and, when it refuses an address
 * in a mark that arrived from elsewhere (another client writing the Yjs
 * document directly), still renders the link with an empty href, which a
 * reader's click would follow back to the page itself. So: one rule for the
 * link form, the link commands, pasted HTML and rendering (isSafeLinkHref, in
 * shared/links.ts, which imports and exports use too), and
 * clicks on a link whose address was refused go nowhere.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { isSafeLinkHref } from '../../shared/links.ts';

export { isSafeLinkHref };

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
