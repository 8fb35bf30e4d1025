/**
 * Link reference definitions (`[id]: https://...`) in lexed blocks, at the top level or nested in
 * block quotes and lists: `parse.ts` collects them so a reference used before or after its
 * definition resolves as marked would resolve it over the whole text.
 */
import type { Links, MarkedToken, Token } from 'marked';

/** Whether the block holds a definition anywhere marked would find one. */
export function hasDefinition(t: Token): boolean {
  const token = t as MarkedToken;
  if (token.type === 'def') return true;
  if (token.type === 'blockquote') return token.tokens.some(hasDefinition);
  if (token.type === 'list') return token.items.some((item) => item.tokens.some(hasDefinition));
  return false;
}

/** Adds the block's definitions to `links` (the first one of a label wins), and the new ones to `added`. */
export function collectDefinitions(t: Token, links: Links, added: Links): void {
  const token = t as MarkedToken;
  if (token.type === 'def') {
    if (!(token.tag in links)) {
      links[token.tag] = { href: token.href, title: token.title };
      added[token.tag] = { href: token.href, title: token.title };
    }
  } else if (token.type === 'blockquote') {
    for (const child of token.tokens) collectDefinitions(child, links, added);
  } else if (token.type === 'list') {
    for (const item of token.items) for (const child of item.tokens) collectDefinitions(child, links, added);
  }
}
