// On a page opened from a search result (`?pagefind-highlight=word`): the words are
// highlighted with Pagefind's own script (loaded as a file: the CSP forbids inline
// scripts), and a small bar says "Hit 3 of 25" with the previous and next hits.
// Without JavaScript the link still opens the paragraph or note it names.

const terms = new URLSearchParams(location.search).getAll("pagefind-highlight");
// The page's words (site/words.py: the page's language, English where missing).
const { words = {}, langs = {} } = JSON.parse(document.getElementById("edition-words")?.textContent || "{}");
const w = (key, values = {}) =>
  (words[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
const lang = (el, key) => {
  if (langs[key]) el.lang = langs[key];
  return el;
};

function bar(marks, start) {
  const nav = document.createElement("nav");
  nav.className = "search-hits";
  lang(nav, "js_search_hits").setAttribute("aria-label", w("js_search_hits"));
  const text = lang(document.createElement("span"), "js_hit_of");
  text.setAttribute("role", "status");
  const button = (label, name, step) => {
    const b = lang(document.createElement("button"), name);
    b.type = "button";
    b.textContent = label;
    b.setAttribute("aria-label", w(name));
    b.addEventListener("click", () => go(current + step));
    return b;
  };
  const close = button("×", "js_close", 0);
  close.addEventListener("click", () => nav.remove());
  nav.append(button("‹", "js_previous_hit", -1), text, button("›", "js_next_hit", 1), close);
  // Styles set from here (CSSOM), so the page needs no stylesheet change.
  Object.assign(nav.style, {
    position: "fixed", bottom: "1rem", right: "1rem", display: "flex", gap: ".5rem",
    alignItems: "center", padding: ".4rem .6rem", background: "Canvas", color: "CanvasText",
    border: "1px solid GrayText", borderRadius: ".4rem", zIndex: "10",
  });
  let current = start;
  function go(i) {
    current = (i + marks.length) % marks.length;
    for (const m of marks) m.style.outline = "";
    const mark = marks[current];
    mark.style.outline = "2px solid currentColor";
    mark.scrollIntoView({ block: "center" });
    text.textContent = w("js_hit_of", { i: current + 1, n: marks.length });
  }
  document.body.append(nav);
  go(start);
}

async function highlight() {
  const url = new URL("../pagefind/pagefind-highlight.js", import.meta.url);
  const { default: PagefindHighlight } = await import(url.href);
  new PagefindHighlight({
    highlightParam: "pagefind-highlight",
    addStyles: false,
    markContext: null,
    markOptions: {
      className: "pagefind-highlight",
      exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", ".search-forms", ".search-forms *"],
    },
  });
  const marks = [...document.querySelectorAll("mark.pagefind-highlight")].filter((m) => !m.closest("[hidden]"));
  if (!marks.length) return;
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const block = target ? target.closest("p, li, dd, dt, section") || target : null;
  let start = 0;
  if (block) {
    const inside = marks.findIndex((m) => block.contains(m));
    const after = marks.findIndex((m) => block.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
    start = Math.max(0, inside >= 0 ? inside : after);
  }
  bar(marks, start);
}

if (terms.length) highlight();
