// Words of a Pagefind result and the forms of a query: which word of a page is a
// hit. Pure functions; templates/assets/search.js uses them (markup contract in
// edition/site/search_markup.py).

const OPEN = "\u2045";  // ⁅ other spellings ⁆: indexed, never shown
const CLOSE = "\u2046";

// Lowercase, without diacritics (ё -> е, й -> и), and for a word without edge
// punctuation or a possessive 's: "Khrushchev’s" -> "khrushchev".
const fold = (w) => w.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
export const bareWord = (w) =>
  fold(w).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(/['’]s$/u, "");

export const queryWords = (query) => query.split(/[^\p{L}\p{N}]+/u).map(bareWord).filter(Boolean);

// What Pagefind is asked: the query, with each Cyrillic word of four letters or more
// cut to its stem of three or more (Москвы -> москв, Кубы -> куб). A Russian index stems it anyway; a page in another
// language holds Russian forms as nominatives, hidden (Moscow: москва), which only the
// stem begins. Hits are still checked against the words as typed (isForm).
const RU_ENDINGS = "иями|ями|ами|иях|ией|ого|его|ому|ему|ыми|ими|ых|их|ой|ей|ий|ый|ая|яя|ое|ее|ую|юю|ом|ем|ам|ям|ах|ях|ов|ев|ия|ие|ии|ию|ы|и|а|я|у|ю|е|ь|й";
const RU_ENDING = new RegExp(`(?:${fold(RU_ENDINGS)})$`, "u");
const RU_INFLECTION = new RegExp(`^(?:${fold(RU_ENDINGS)})?$`, "u");
export const searchText = (query) => (/"/.test(query) ? query : query.replace(/[\p{Script=Cyrillic}\p{M}]{4,}/gu, (word) => {
  const stem = fold(word).replace(RU_ENDING, "");
  return stem.length >= 3 ? stem : word;
}));

// Is the indexed word a form of the query word? The same word, a longer word it
// begins (Pagefind completes the last word), or the same stem (treaty, treaties);
// one or two letters are only ever themselves.
export function isForm(word, term) {
  if (!word) return false;
  if (word === term) return true;
  if (/\d/u.test(term)) return false; // a number is only itself: 463 is not 4630
  if (term.length >= 3 && word.startsWith(term)) return true;
  let same = 0;
  while (same < word.length && same < term.length && word[same] === term[same]) same++;
  if (/\p{Script=Cyrillic}/u.test(term)) {
    // Russian: the same stem of three letters or more, and what follows it in each an
    // ending (поставках, поставкам; Куба, Кубы), never more of a word (партии is not
    // партнёр, Вены is not Венгрия).
    for (let stem = same; stem >= 3; stem--) {
      if (RU_INFLECTION.test(word.slice(stem)) && RU_INFLECTION.test(term.slice(stem))) return true;
    }
    return false;
  }
  return same >= 4 && same >= Math.min(word.length, term.length) - 2;
}

// A query word that says what is looked for: three letters or more, or a number.
export const significant = (terms) => {
  const strong = terms.filter((t) => t.length >= 3 || /\d/.test(t));
  return strong.length ? strong : terms;
};

// Words of the page; other spellings are dropped. annotate_html writes them at
// the end of each block as "⁅word: form form; word: form;⁆": a hit on a form
// counts for the visible word before it that the group names.
export function visibleWords(content) {
  const words = content.split(/\s+/);
  const owner = new Array(words.length);
  const key = new Array(words.length);
  let inside = false;
  let group = "";
  words.forEach((word, i) => {
    if (word.startsWith(OPEN)) inside = true;
    if (inside) {
      const bare = word.replace(OPEN, "").replace(CLOSE, "");
      if (bare.endsWith(":")) group = bare.slice(0, -1);
      owner[i] = -1;
      key[i] = group;
    } else owner[i] = /^[\u21a9\ufe0e\ufe0f]+$/u.test(word) ? -2 : i; // -2: the backlink glyph
    if (word.endsWith(CLOSE)) inside = false;
  });
  return { words, owner, key };
}

// The visible words a hit stands for: itself, or for a hidden form (given once per
// page) every visible occurrence of the word its group names, wherever on the page.
export function ownersOf(location, words, owner, key) {
  if (owner[location] === undefined) return [];
  if (owner[location] >= 0) return [owner[location]];
  if (owner[location] === -2) return [];
  const group = key[location] || "";
  const wanted = bareWord(group);
  // A group naming no word (the register's "⁅aleksandr rankovich⁆") stands for its
  // block: the hit is itself, never every word that is bare punctuation ("·").
  if (!wanted) return [location];
  const out = [];
  if (group.startsWith("@")) {
    // A name's forms (`@word:`) stand for its mention in the block they end.
    let i = location;
    while (i >= 0 && owner[i] < 0) i--;
    for (; i >= 0 && owner[i] !== -1; i--) if (owner[i] === i && bareWord(words[i]) === wanted) out.push(i);
    return out;
  }
  for (let i = 0; i < words.length; i++) if (owner[i] === i && bareWord(words[i]) === wanted) out.push(i);
  return out;
}
