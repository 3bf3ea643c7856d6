// The /search/ page: runs Pagefind in the browser and splits each page's hits into
// the notes, paragraphs, bibliography entries and sheets they fall in (see the
// markup contract in edition/site/search_markup.py). No framework; text is set, never parsed.
//
// A query that reads as an archival reference (`f. 463`, `F 3, inv. 14, f. 463`)
// is answered first from the edition's citation index, /archives/citations.json.
// Every hit is checked: a location Pagefind returns counts only if the word there
// is a form of a query word (Pagefind also returns near words: "K." for a misspelt
// "Khrushchyov").

import { fileTitle, parseCitation, rowMatches } from "./search-citations.js";
import { bareWord, isForm, ownersOf, queryWords, searchText, significant, visibleWords } from "./search-words.js";
import { openIndex } from "./search-index.js";
const EXCERPT_WORDS = 26;
const PAGE_SIZE = 10;
const SUBS_SHOWN = 4; // per page; the others are one click away
const COUNTED = PAGE_SIZE; // pages read (and counted) at once: each is a fragment to fetch (~30 KB an article)

const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const citationBox = document.querySelector("[data-search-citations]");
const citationList = document.querySelector("[data-citation-results]");
const root = new URL(form.dataset.root || "./", location.href);
const KINDS = JSON.parse(form.dataset.kinds || '{"kinds": [], "end": "$^"}');
const REGIONS = KINDS.kinds.map((k) => ({ ...k, re: new RegExp(k.region) }));
const REGION_END = new RegExp(KINDS.end);
const TERMS = JSON.parse(form.dataset.citationTerms || '{"levels": [], "labels": {}, "archives": {}}');
const LABELS = Object.fromEntries(KINDS.kinds.map((k) => [k.name, k.label || k.name]));
// The page's words (site/words.py: the edition's language, English where missing); a
// word by plural category (one, few, many, other) is chosen by `n` in its language's rules.
const { words = {}, langs = {} } = JSON.parse(document.getElementById("edition-words")?.textContent || "{}");
function w(key, values = {}) {
  let text = words[key] || key;
  if (typeof text === "object") {
    const rule = new Intl.PluralRules(langs[key] || document.documentElement.lang || "en");
    text = text[rule.select(values.n ?? 0)] || text.other || Object.values(text)[0];
  }
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}
let pagefind = null;
let citations = null;
let pending = [];
let tally = null; // the answer shown: its query, its files, Pagefind's page count, the pages read
let run = 0;

// The index (the base, its shards, a quick rebuild's delta, each language with its
// own rules: search-index.js) and the filters, opened once however many searches
// start before it is ready. Result URLs are stored from the site root; prefix the
// path we are served under. No worker: it would cost a further 41 KB on the first
// query, for a small index.
function load() {
  pagefind = pagefind || openIndex(root, { baseUrl: root.pathname, noWorker: true }).then(async (index) => {
    fillFacets(await index.filters());
    return index;
  });
  return pagefind;
}

function fillFacets(filters) {
  for (const select of form.querySelectorAll("select[data-facet]")) {
    const values = Object.keys(filters[select.name] || {}).sort();
    const wanted = new URLSearchParams(location.search).get(select.name);
    for (const value of values) select.add(new Option(value, value, false, value === wanted));
    select.closest("[data-facet-box]").hidden = values.length === 0;
  }
}

function chosen() {
  const kinds = [...form.querySelectorAll("input[name=kind]:checked")].map((box) => box.value);
  const filters = {};
  if (kinds.length) filters.kind = { any: kinds };
  for (const select of form.querySelectorAll("select[data-facet]")) {
    if (select.value) filters[select.name] = select.value;
  }
  return { kinds, filters };
}

// --- regions of a page ----------------------------------------------------------

function kindOf(id) {
  for (const kind of REGIONS) {
    const found = kind.re.exec(id);
    if (found) return { kind, found };
  }
  return null;
}

function regionAt(anchors, location, length, page) {
  let region = null;
  for (const anchor of anchors) if (anchor.location <= location) region = anchor;
  const start = region ? region.location : 0;
  const next = anchors.find((a) => a.location > start);
  const end = next ? next.location : length;
  const known = region && region.kind;
  if (!known) return { id: "", start, end, kind: page.kind, title: page.title };
  const title = known.kind.title.replace("{}", known.found[1]).replace("{text}", region.text || "");
  // A file's entry on its fond's page stands for the file's own page, below this one.
  const below = known.kind.page ? known.kind.page.replace("{}", known.found[1]) : "";
  return { id: region.id, start, end, kind: known.kind.name, title, below };
}

// `needs`: the query words a region must hold all of (a reference's numbers), or
// null for any one significant word.
function regions(data, terms, kinds, needs = null) {
  const { words, owner, key } = visibleWords(data.content);
  // A note marker's number is a word of its own at its anchor: neither hit nor excerpt.
  for (const anchor of data.anchors) {
    if (/^fnref-/.test(anchor.id) && /^\d+$/.test(bareWord(words[anchor.location] || ""))) owner[anchor.location] = -2;
  }
  const anchors = data.anchors
    .map((a) => ({ ...a, kind: kindOf(a.id) }))
    .filter((a) => a.kind || REGION_END.test(a.id))
    .sort((a, b) => a.location - b.location);
  const pageKinds = (data.filters && data.filters.kind) || [];
  const page = { kind: pageKinds.length === 1 ? pageKinds[0] : "Article text", title: data.meta.title || data.url };
  const strong = significant(terms);
  const found = new Map();
  for (const location of data.locations) {
    const term = terms.find((t) => isForm(bareWord(words[location] || ""), t));
    if (!term) continue; // not a form of the query: Pagefind's near miss
    for (const at of ownersOf(location, words, owner, key)) {
      const region = regionAt(anchors, at, words.length, page);
      const id = `${region.id}@${region.start}`;
      if (!found.has(id)) found.set(id, { ...region, marks: new Set(), terms: new Set() });
      found.get(id).marks.add(at);
      found.get(id).terms.add(term);
    }
  }
  return [...found.values()]
    .filter((r) => (needs ? needs.every((t) => r.terms.has(t)) : strong.some((t) => r.terms.has(t))))
    .filter((r) => !kinds.length || kinds.includes(r.kind))
    .sort((a, b) => b.terms.size - a.terms.size || b.marks.size - a.marks.size || a.start - b.start)
    .map((r) => ({ ...r, words, owner }));
}

function excerpt(region) {
  const { words, owner } = region;
  const first = Math.min(...region.marks, region.end - 1);
  const visible = [];
  for (let i = region.start; i < region.end; i++) if (owner[i] === i) visible.push(i);
  const centre = Math.max(0, visible.findIndex((i) => i >= first));
  const from = Math.max(0, Math.min(centre - Math.floor(EXCERPT_WORDS / 3), visible.length - EXCERPT_WORDS));
  const p = document.createElement("p");
  p.className = "search-excerpt";
  if (from > 0) p.append("… ");
  visible.slice(from, from + EXCERPT_WORDS).forEach((i, n) => {
    if (n) p.append(" ");
    if (region.marks.has(i)) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      p.append(mark);
    } else p.append(words[i]);
  });
  if (from + EXCERPT_WORDS < visible.length) p.append(" …");
  return p;
}

// --- rendering ------------------------------------------------------------------

function link(url, text) {
  const a = document.createElement("a");
  a.href = url;
  a.textContent = text;
  return a;
}

// A hit's link carries the visible words it matched, for the page's highlighter.
function hitUrl(url, sub) {
  const params = new URLSearchParams();
  // As printed, without edge punctuation or a possessive: mark.js finds it in the page.
  const printed = (w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(/['’]s$/u, "");
  const shown = [...sub.marks].filter((i) => sub.owner[i] === i);
  for (const word of new Set(shown.map((i) => printed(sub.words[i])))) {
    params.append("pagefind-highlight", word);
  }
  const [path] = url.split("#");
  if (sub.below) return `${path}${sub.below}?${params}`;
  return `${path}?${params}${sub.id ? `#${sub.id}` : ""}`;
}

function subItem(url, sub) {
  const li = document.createElement("li");
  const label = document.createElement("span");
  label.className = "search-kind";
  const kind = LABELS[sub.kind] || sub.kind;
  label.textContent = kind === sub.title ? "" : `${kind} · `;
  li.append(label, link(hitUrl(url, sub), sub.title), excerpt(sub));
  return li;
}

function render(data, subs) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.append(link(data.url, data.meta.title || data.url));
  const count = document.createElement("span");
  count.className = "search-count";
  count.textContent = ` — ${w("search_js_page_places", { n: subs.length })}`;
  heading.append(count);
  item.append(heading);
  if (subs.length === 1 && !subs[0].id) {
    item.append(excerpt(subs[0]));
    return item;
  }
  const inner = document.createElement("ul");
  inner.className = "search-subresults";
  for (const sub of subs.slice(0, SUBS_SHOWN)) inner.append(subItem(data.url, sub));
  item.append(inner);
  if (subs.length > SUBS_SHOWN) {
    const rest = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = w("search_js_all_places", { n: subs.length });
    const others = document.createElement("ul");
    others.className = "search-subresults";
    for (const sub of subs.slice(SUBS_SHOWN)) others.append(subItem(data.url, sub));
    rest.append(summary, others);
    item.append(rest);
  }
  return item;
}

// --- archival references --------------------------------------------------------

async function citationHits(parsed) {
  if (!citations) {
    const response = await fetch(new URL("archives/citations.json", root));
    citations = response.ok ? await response.json() : [];
  }
  const files = new Map();
  for (const row of citations) {
    if (!row.url || !rowMatches(row, parsed)) continue;
    if (!files.has(row.url)) files.set(row.url, { row, notes: [] });
    files.get(row.url).notes.push(row);
  }
  return [...files.values()];
}

function showCitations(files, several) {
  citationList.replaceChildren();
  for (const { row, notes } of files) {
    const item = document.createElement("li");
    item.append(link(new URL(row.url, root).href, fileTitle(row)));
    const inner = document.createElement("ul");
    for (const note of notes) {
      const li = document.createElement("li");
      const where = several ? ` (${note.article})` : "";
      li.append(link(new URL(`articles/${note.article}/#fn-${note.note}`, root).href, `${w("search_js_note_n", { n: note.note })}${where}`), `: ${note.text}`);
      inner.append(li);
    }
    item.append(inner);
    citationList.append(item);
  }
  citationBox.hidden = files.length === 0;
}

// --- the search -----------------------------------------------------------------

async function showMore(mine) {
  let added = 0;
  // Busy while pages are read: "More results" waits, and tests and screen readers can tell.
  list.setAttribute("aria-busy", "true");
  more.disabled = true;
  while (pending.length && added < PAGE_SIZE) {
    const next = pending.shift();
    const later = typeof next === "function";
    const { data, subs } = await (later ? next() : next);
    if (mine !== run) return; // a newer search owns the list now
    if (later) tally.counts.push(subs.length); // read now: counted now
    if (subs.length) {
      list.append(render(data, subs));
      added++;
    }
  }
  more.hidden = pending.length === 0;
  more.disabled = false;
  list.removeAttribute("aria-busy");
  tell();
}

// The count says what has been read: "at least" while pages are still unread.
function tell() {
  const { query, files, total, counts } = tally;
  const pages = counts.filter((n) => n).length;
  const places = counts.reduce((sum, n) => sum + n, 0);
  const placesText = w(counts.length < total ? "search_js_at_least" : "search_js_places", { n: places });
  const pagesText = w("search_js_on_pages", { n: pages });
  const found = w("search_js_match", { n: places, places: placesText, pages: pagesText, query });
  const cited = files.length ? w("search_js_files", { n: files.length }) : "";
  status.textContent = !(pages || files.length) ? w("search_js_nothing", { query })
    : cited ? w("search_js_with_files", { files: cited, found }) : found;
}

function remember() {
  const params = new URLSearchParams(new FormData(form));
  for (const [key, value] of [...params]) if (!value) params.delete(key);
  history.replaceState(null, "", `${location.pathname}${params.size ? "?" : ""}${params}`);
}

function clear() {
  list.replaceChildren();
  citationList.replaceChildren();
  citationBox.hidden = true;
  status.textContent = "";
  more.hidden = true;
  more.disabled = false;
  list.removeAttribute("aria-busy");
}

async function search() {
  const query = input.value.trim();
  const mine = ++run;
  remember();
  if (!query) return clear();
  status.textContent = w("search_js_searching");
  const parsed = parseCitation(query, TERMS);
  const files = parsed ? await citationHits(parsed) : [];
  const api = await load();
  if (mine !== run) return;
  const { kinds, filters } = chosen();
  const terms = queryWords(query);
  // A reference's full-text hits must hold all its numbers: `f. 463` is not "final".
  const needs = parsed ? terms.filter((t) => /\d/.test(t)) : null;
  const result = await api.search(searchText(query), { filters });
  if (mine !== run) return;
  const checked = (hit) => hit.data().then((data) => ({ data, subs: regions(data, terms, kinds, needs) }));
  // The first pages' fragments are read to count their hits; the rest when shown.
  pending = result.results.map((hit, i) => (i < COUNTED ? checked(hit) : () => checked(hit)));
  const counted = await Promise.all(pending.slice(0, COUNTED));
  if (mine !== run) return;
  clear();
  showCitations(files, new Set(files.flatMap((f) => f.notes.map((n) => n.article))).size > 1);
  tally = { query, files, total: result.results.length, counts: counted.map((c) => c.subs.length) };
  await showMore(mine);
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(search, 250);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search();
});
form.addEventListener("input", soon);
form.addEventListener("change", soon);
more.addEventListener("click", () => showMore(run));

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const box of form.querySelectorAll("input[name=kind]")) {
  box.checked = params.getAll("kind").includes(box.value);
}
if (input.value) search();
else load();
