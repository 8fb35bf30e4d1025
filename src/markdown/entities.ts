/**
 * Decodes HTML character references in markdown text. marked leaves named references for the
 * HTML layer to decode; these templates set text, not HTML, so the renderer decodes them here.
 *
 * The table holds the references people actually write (Latin-1, Greek, arrows, maths,
 * typography), not all 2,231 of HTML; an unknown name stays as written.
 * @see https://spec.commonmark.org/0.31.2/#entity-and-numeric-character-references
 */

/** Names of U+00A0 to U+00FF, in code point order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
  'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ' +
  'ucirc uuml yacute thorn yuml';

/** Names of U+0391 to U+03C9 (Greek); `-` marks an unassigned slot. */
const GREEK =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - ' +
  'Sigma Tau Upsilon Phi Chi Psi Omega - - - - - - - alpha beta gamma delta epsilon zeta eta ' +
  'theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';

/** Other names, as `name:hex code point`. */
const OTHERS =
  'quot:22 amp:26 apos:27 lt:3c gt:3e OElig:152 oelig:153 Scaron:160 scaron:161 Yuml:178 ' +
  'fnof:192 circ:2c6 tilde:2dc ensp:2002 emsp:2003 thinsp:2009 zwnj:200c zwj:200d lrm:200e ' +
  'rlm:200f ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d ' +
  'bdquo:201e dagger:2020 Dagger:2021 bull:2022 hellip:2026 permil:2030 prime:2032 Prime:2033 ' +
  'lsaquo:2039 rsaquo:203a oline:203e frasl:2044 euro:20ac trade:2122 larr:2190 uarr:2191 ' +
  'rarr:2192 darr:2193 harr:2194 crarr:21b5 lArr:21d0 uArr:21d1 rArr:21d2 dArr:21d3 hArr:21d4 ' +
  'forall:2200 part:2202 exist:2203 empty:2205 nabla:2207 isin:2208 notin:2209 ni:220b ' +
  'prod:220f sum:2211 minus:2212 lowast:2217 radic:221a prop:221d infin:221e ang:2220 and:2227 ' +
  'or:2228 cap:2229 cup:222a int:222b there4:2234 sim:223c cong:2245 asymp:2248 ne:2260 ' +
  'equiv:2261 le:2264 ge:2265 sub:2282 sup:2283 nsub:2284 sube:2286 supe:2287 oplus:2295 ' +
  'otimes:2297 perp:22a5 sdot:22c5 lceil:2308 rceil:2309 lfloor:230a rfloor:230b loz:25ca ' +
  'spades:2660 clubs:2663 hearts:2665 diams:2666 check:2713 cross:2717 star:2606 starf:2605 ' +
  'colon:3a semi:3b comma:2c period:2e excl:21 quest:3f num:23 dollar:24 percnt:25 lpar:28 ' +
  'rpar:29 ast:2a plus:2b sol:2f bsol:5c lsqb:5b rsqb:5d lcub:7b rcub:7d verbar:7c grave:60 ' +
  'Tab:9 NewLine:a';

let table: Map<string, string> | undefined;

function named(): Map<string, string> {
  if (table) return table;
  table = new Map();
  LATIN1.split(' ').forEach((name, i) => table?.set(name, String.fromCodePoint(0xa0 + i)));
  GREEK.split(' ').forEach((name, i) => {
    if (name !== '-') table?.set(name, String.fromCodePoint(0x391 + i));
  });
  for (const entry of OTHERS.split(' ')) {
    const [name, hex] = entry.split(':');
    if (name && hex) table.set(name, String.fromCodePoint(parseInt(hex, 16)));
  }
  return table;
}

const reference = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

/** Replaces character references (`&amp;`, `&#38;`, `&#x26;`) by the characters they name. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(reference, (match, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return named().get(name) ?? match;
    const code = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex ?? '', 16);
    // CommonMark: code point 0, surrogates and values past U+10FFFF become U+FFFD.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}
