// The /search/ page: runs Pagefind in the browser and splits each page's hits into
// the notes, paragraphs, bibliography entries and sheets they fall in (see the
// markup contract in edition/search.py). No framework; text is set, never parsed.

import { openIndex } from "./search-index.js";

const REGION = /^(p-\d+|fn-\d+|bib-.+|list-.+)$/; // mirrors search.REGION_IDS
const OPEN = "\u2045";  // ⁅ other spellings ⁆: indexed, never shown
const CLOSE = "\u2046";
const EXCERPT_WORDS = 26;
const PAGE_SIZE = 10;
const SUBS_PER_PAGE = 4;

const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const root = new URL(form.dataset.root || "./", location.href);
let pagefind = null;
let shown = [];
let hits = [];
let run = 0;

async function load() {
  if (!pagefind) {
    // Result URLs are stored from the site root; prefix the path we are served under.
    // No worker: it would cost a further 41 KB on the first query, for a small index.
    // The base, its shards and a quick rebuild's delta: search-index.js merges them.
    pagefind = await openIndex(root, { baseUrl: root.pathname, noWorker: true });
    fillFacets(await pagefind.filters());
  }
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

function kindOf(id, pageKinds) {
  if (!id) return pageKinds.length === 1 ? pageKinds[0] : "Article text";
  if (id.startsWith("fn-")) return "Note";
  if (id.startsWith("bib-")) return "Bibliography";
  if (id.startsWith("list-")) return "Archival file";
  return "Article text";
}

function titleOf(id, pageTitle) {
  if (!id) return pageTitle;
  if (id.startsWith("fn-")) return `Note ${id.slice(3)}`;
  if (id.startsWith("p-")) return `Paragraph ${id.slice(2)}`;
  if (id.startsWith("list-")) return `Sheet ${id.slice(5)}`;
  return "Bibliography";
}

// Words of the page; other spellings are dropped. annotate_html writes them at
// the end of each block as "⁅word: form form; word: form;⁆": a hit on a form
// counts for the visible word before it that the group names.
function visibleWords(content) {
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
    } else owner[i] = i;
    if (word.endsWith(CLOSE)) inside = false;
  });
  return { words, owner, key };
}

// Lowercase, edge punctuation and a possessive 's dropped: "Khrushchev’s" -> "khrushchev".
const bareWord = (w) =>
  w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(/['’]s$/u, "");

// The visible words a hit stands for: itself, or for a hidden form (given once per
// page) every visible occurrence of the word its group names, wherever on the page.
function ownersOf(location, words, owner, key) {
  if (owner[location] === undefined) return [location];
  if (owner[location] >= 0) return [owner[location]];
  const wanted = bareWord(key[location] || "");
  const out = [];
  for (let i = 0; i < words.length; i++) if (owner[i] === i && bareWord(words[i]) === wanted) out.push(i);
  return out;
}

function regionAt(anchors, location, length) {
  let region = null;
  for (const anchor of anchors) if (anchor.location <= location) region = anchor;
  const start = region ? region.location : 0;
  const next = anchors.find((a) => a.location > start);
  return { id: region ? region.id : "", start, end: next ? next.location : length };
}

function regions(data, kinds) {
  const { words, owner, key } = visibleWords(data.content);
  const anchors = data.anchors.filter((a) => REGION.test(a.id)).sort((a, b) => a.location - b.location);
  const pageKinds = (data.filters && data.filters.kind) || [];
  const found = new Map();
  for (const location of data.locations) {
    const owners = ownersOf(location, words, owner, key);
    for (const at of owners.length ? owners : [location]) {
      const { id, start, end } = regionAt(anchors, at, words.length);
      if (!found.has(id)) found.set(id, { id, start, end, marks: new Set() });
      if (owner[at] === at) found.get(id).marks.add(at);
    }
  }
  return [...found.values()]
    .map((r) => ({ ...r, kind: kindOf(r.id, pageKinds), title: titleOf(r.id, data.meta.title || data.url) }))
    .filter((r) => !kinds.length || kinds.includes(r.kind))
    .sort((a, b) => b.marks.size - a.marks.size || a.start - b.start)
    .slice(0, SUBS_PER_PAGE)
    .map((r) => ({ ...r, excerpt: excerpt(words, owner, r) }));
}

function excerpt(words, owner, region) {
  const first = Math.min(...region.marks, region.end - 1);
  const visible = [];
  for (let i = region.start; i < region.end; i++) if (owner[i] === i) visible.push(i);
  const centre = Math.max(0, visible.findIndex((i) => i >= first));
  const from = Math.max(0, Math.min(centre - Math.floor(EXCERPT_WORDS / 3), visible.length - EXCERPT_WORDS));
  const chosenWords = visible.slice(from, from + EXCERPT_WORDS);
  const p = document.createElement("p");
  p.className = "search-excerpt";
  if (from > 0) p.append("… ");
  chosenWords.forEach((i, n) => {
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

function link(url, text) {
  const a = document.createElement("a");
  a.href = url;
  a.textContent = text;
  return a;
}

function render(data, subs) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.append(link(data.url, data.meta.title || data.url));
  item.append(heading);
  const pageOnly = subs.length === 1 && !subs[0].id;
  if (pageOnly) {
    item.append(subs[0].excerpt);
    return item;
  }
  const inner = document.createElement("ul");
  inner.className = "search-subresults";
  for (const sub of subs) {
    const li = document.createElement("li");
    li.append(link(sub.id ? `${data.url}#${sub.id}` : data.url, sub.title), sub.excerpt);
    inner.append(li);
  }
  item.append(inner);
  return item;
}

async function showMore(mine, kinds) {
  const batch = hits.slice(shown.length, shown.length + PAGE_SIZE);
  shown = shown.concat(batch);
  for (const hit of batch) {
    const data = await hit.data();
    if (mine !== run) return;
    const subs = regions(data, kinds);
    if (subs.length) list.append(render(data, subs));
  }
  more.hidden = shown.length >= hits.length;
}

function remember() {
  const params = new URLSearchParams(new FormData(form));
  for (const [key, value] of [...params]) if (!value) params.delete(key);
  history.replaceState(null, "", `${location.pathname}${params.size ? "?" : ""}${params}`);
}

async function search() {
  const query = input.value.trim();
  const mine = ++run;
  if (!query) {
    remember();
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = "Searching…";
  const api = await load();
  if (mine !== run) return;
  remember();
  const { kinds, filters } = chosen();
  const result = await api.search(query, { filters });
  if (mine !== run) return;
  hits = result.results;
  shown = [];
  list.replaceChildren();
  await showMore(mine, kinds);
  if (mine !== run) return;
  const n = hits.length;
  status.textContent = n
    ? `${n} ${n === 1 ? "page matches" : "pages match"} “${query}”.`
    : `Nothing matches “${query}”.`;
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
more.addEventListener("click", () => showMore(run, chosen().kinds));

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const box of form.querySelectorAll("input[name=kind]")) {
  box.checked = params.getAll("kind").includes(box.value);
}
if (input.value) search();
else load();
