/**
 * The HTML extractor's data tables: tag sets, class/id vocabularies and label words in several languages.
 * Defined once here so they are not rebuilt in loops (Readability.js habit), and so a new language or a
 * new widget name is a one-line change. Vocabularies describe the news-page genre (share bars, cookie
 * banners, "read also" boxes), never one site.
 */

import { RELATED_LABEL_PHRASES, WIDGET_LABEL_PHRASES } from '../meta/lexicon.js';

// ---- Readability.js 0.6 vocabularies (its REGEXPS table), widened with more widget names ----

/** Containers that are almost never the article (Readability `unlikelyCandidates`). */
/**
 * A box holding this share of the page's text is a layout wrapper ("two-col-sidebar", "page has-ads"), not a
 * sidebar or widget, whatever its class says: neither cleaning nor body scoring removes it.
 */
export const DOMINANT_SHARE = 0.4;

export const UNLIKELY_CANDIDATES =
  /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|outbrain|taboola/i;
/** …unless the name also says it holds the content (Readability `okMaybeItsACandidate`). */
export const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow/i;
export const POSITIVE_CLASS = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|artikel|articulo|noticia|texte|contenu|corpo|testo|tekst|maqal|khabar/i;
export const NEGATIVE_CLASS =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|taboola|newsletter|cookie|werbung|anzeige|publicite|publicidad|reklam|iklan/i;
export const BYLINE_CLASS = /byline|author|dateline|writtenby|p-author/i;
export const SHARE_CLASS = /(\b|_)(share|sharedaddy)(\b|_)/i;
export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/** Ad and loading labels a whole block may consist of (Readability `adWords`, plus Arabic, Persian, Turkish…). */
export const AD_WORDS =
  /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|anzeige|广告|廣告|Реклама|Anuncio|publicidad|pubblicità|publicidade|reklam|reklama|iklan|advertentie|إعلان|اعلان|إعلانات|تبليغات|פרסומת|広告|광고|โฆษณา)$/iu;
export const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando|wird geladen|جار التحميل|جاري التحميل)(…|\.\.\.)?)$/iu;

/** Commas that separate clauses, Arabic and CJK forms included (Readability `commas`, plus 、). */
export const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C\u3001]/g;
/** Sentence ends in Latin, Arabic, Devanagari, CJK and Ethiopic scripts. */
export const SENTENCE_END = /[.!?\u061F\u06D4\u0964\u3002\uFF01\uFF1F\u1362](?:["'”’»)\]]*)(?:\s|$)/u;

// ---- Sift's boilerplate vocabularies (cleaning before scoring) ----

/**
 * Class/id words of containers that are boilerplate on news pages in any language: share bars,
 * ad slots, cookie and consent banners, newsletter boxes, comment threads, breadcrumbs, paywall prompts.
 * Compounds are written without separators and match `social-share`, `social_share` and `socialshare`.
 * The transliterated and local words cover sites that name classes in their own language.
 */
export const BOILERPLATE_WORDS = vocabulary([
  'share', 'shares', 'sharing', 'sharebar', 'sharetools', 'sharebuttons', 'sharethis', 'addthis', 'sharedaddy', 'socialshare', 'sociallinks',
  'socialmedia', 'socialicons', 'socialbar', 'socialbuttons', 'socialnetworks',
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'adcontainer', 'adwrapper', 'adblock', 'adbanner',
  'adbox', 'adzone', 'adsbygoogle', 'dfp', 'gptad', 'sponsored', 'sponsor', 'promo', 'promoted',
  'werbung', 'anzeige', 'publicite', 'publicidad', 'pubblicita', 'publicidade', 'reklam', 'reklama', 'iklan', 'guanggao', 'e3lan', 'i3lan',
  'cookie', 'cookies', 'cookiebanner', 'cookienotice', 'cookieconsent', 'cookiebar', 'consent', 'gdpr', 'cmp',
  'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'paywall', 'regwall',
  'comment', 'comments', 'commentlist', 'commentsection', 'commentform', 'commentarea', 'disqus', 'respond',
  'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'skiplink', 'printonly', 'sronly', 'visuallyhidden', 'screenreadertext',
  'outbrain', 'taboola', 'zergnet', 'revcontent', 'nativo',
  'popup', 'modal', 'overlay', 'toast', 'lightbox',
  // social embeds whose own text is chrome ("View this post on Instagram")
  'instagrammedia', 'tiktokembed', 'fbpost',
]);

/** Class/id words of "related" / "read also" / "more stories" boxes: removed, their links kept as `related`. */
export const RELATED_WORDS = vocabulary([
  'related', 'relatedposts', 'relatedarticles', 'relatedstories', 'relatedcontent', 'relatedlinks', 'relatednews', 'relateditems',
  'readalso', 'readmore', 'readnext', 'morestories', 'morearticles', 'morenews', 'morefrom', 'recommended', 'recommendations', 'suggested',
  'youmaylike', 'youmayalsolike', 'alsoread', 'seealso', 'trending', 'mostread', 'mostpopular', 'mostviewed', 'popular', 'teaser', 'teasers',
  'furtherreading', 'nextarticle', 'nextstory', 'lireaussi', 'alire', 'voiraussi', 'lesensieauch', 'mehrzumthema', 'leermas', 'leatambien',
  'relacionados', 'relacionadas', 'relacionado', 'relacionada', 'correlati', 'correlate', 'leggianche', 'eqra', 'iqra', 'mawad', 'zatsila',
]);

/** A vocabulary of class/id words: lower-case, separators removed. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  longest: number;
  /** Answers already given, by class/id string: a page repeats a few class strings on most of its elements. */
  seen: Map<string, boolean>;
}

function vocabulary(words: string[]): Vocabulary {
  return { words: new Set(words), longest: 4, seen: new Map() };
}

/** Class/id strings remembered per vocabulary at most (then it starts afresh): bounded memory on any input. */
const SEEN_MAX = 4096;

const TOKEN_SPLIT = /[\s\-_:.]+/;

/**
 * Does a class/id string contain a vocabulary word, alone or as a compound of up to four adjacent parts
 * (`related-posts`, `social_share_bar`)? Trailing digits are ignored (`ad300`). Set lookups, no regex scan.
 */
export function hasVocabularyWord(match: string, vocab: Vocabulary): boolean {
  let found = vocab.seen.get(match);
  if (found === undefined) {
    found = findVocabularyWord(match, vocab);
    if (vocab.seen.size >= SEEN_MAX) vocab.seen.clear();
    vocab.seen.set(match, found);
  }
  return found;
}

function findVocabularyWord(match: string, vocab: Vocabulary): boolean {
  const parts = match.toLowerCase().split(TOKEN_SPLIT);
  for (let i = 0; i < parts.length; i++) {
    let joined = '';
    for (let k = i; k < parts.length && k < i + vocab.longest; k++) {
      const part = parts[k].replace(/\d+$/, '');
      if (!part) break;
      joined += part;
      if (vocab.words.has(joined)) return true;
    }
  }
  return false;
}

/**
 * Labels (aria-label, a box's own heading) of related-headline boxes, in several languages.
 * Matched on the whole short label, so a sentence in the body that mentions them does not match.
 */
export const RELATED_LABELS = new RegExp('^\\s*(?:' + RELATED_LABEL_PHRASES.join('|') + ')\\s*[:：]?\\s*$', 'iu');

/** Labels of share, newsletter and cookie boxes in several languages (aria-label, short box text). */
export const WIDGET_LABELS = new RegExp('^\\s*(?:' + WIDGET_LABEL_PHRASES.join('|') + ')\\s*$', 'iu');

/** ARIA landmarks that are never the article (besides Readability's unlikely roles). */
export const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alertdialog', 'alert', 'toolbar']);

// ---- tag sets ----

/** Never content: code, styles, templates, embeds and form controls. */
export const NON_CONTENT_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'link', 'meta', 'title', 'iframe', 'object', 'embed', 'canvas', 'svg',
  'input', 'textarea', 'select', 'button', 'option', 'dialog', 'map', 'audio', 'video', 'source', 'track', 'param',
]);
/** Page chrome that is boilerplate when it sits outside the article (header, footer…) or anywhere (nav). */
export const CHROME_TAGS_OUTSIDE_ARTICLE = new Set(['header', 'footer', 'aside', 'form']);
export const CHROME_TAGS_ANYWHERE = new Set(['nav', 'menu']);
export const ARTICLE_TAGS = new Set(['article', 'main']);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Readability DEFAULT_TAGS_TO_SCORE. */
export const TAGS_TO_SCORE = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);
export const DIV_TO_P_ELEMS = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);
export const ALTER_TO_DIV_EXCEPTIONS = new Set(['div', 'article', 'section', 'p', 'ol', 'ul']);
export const PHRASING_ELEMS = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i', 'img', 'input', 'kbd', 'label',
  'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q', 'ruby', 'samp', 'script', 'select', 'small', 'span', 'strong',
  'sub', 'sup', 'textarea', 'time', 'var', 'wbr',
]);
/** Elements that break the text flow into separate blocks when the body is read out. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'legend', 'listing', 'plaintext', 'xmp',
]);
