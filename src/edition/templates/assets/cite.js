// "Cite this": the page's address, today's date, copy buttons; a ¶ cites its passage.
// Without it, ¶ links are permalinks and citations keep their placeholders.
(() => {
  const article = document.querySelector(".article[data-short]");
  if (!article) return;
  // The page's words (site/words.py: the article's language, English where missing);
  // the citations themselves stay in their style's English ("accessed", the date).
  const { words = {}, langs = {} } = JSON.parse(document.getElementById("edition-words")?.textContent || "{}");
  const w = (key, values = {}) =>
    (words[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const mark = (el, ...keys) => {
    const lang = keys.map((k) => langs[k]).find(Boolean);
    if (lang) el.lang = lang;
    return el;
  };
  const here = location.href.split("#")[0];
  const now = new Date();
  const iso = now.toISOString().slice(0, 10);
  const long = now.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  for (const el of document.querySelectorAll(".cite-url")) el.textContent = here;
  for (const el of document.querySelectorAll(".cite-date")) {
    el.textContent = el.closest(".chicago") ? long : iso;
  }
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.append(status);

  async function copy(text, what) {
    let copied = true;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = w("js_copied", { what });
    } catch {
      copied = false;
      status.textContent = w("js_copy_failed", { what: what.toLowerCase() });
    }
    status.lang = langs[copied ? "js_copied" : "js_copy_failed"] || "";
    if (!status.lang) status.removeAttribute("lang");
    return copied;
  }
  // A copy button: its label and name are words of the page (keys), `what` names what it copies.
  function button(label, name, values, text, what) {
    const b = mark(document.createElement("button"), label, name);
    b.type = "button";
    b.className = "copy";
    b.textContent = w(label);
    b.setAttribute("aria-label", w(name, values));
    b.addEventListener("click", async () => {
      b.textContent = w((await copy(text(), what)) ? "js_copied_button" : "js_select_copy");
      setTimeout(() => (b.textContent = w(label)), 2000);
    });
    return b;
  }
  for (const el of document.querySelectorAll(".cite-text")) {
    const head = document.getElementById(`${el.id}-h`);
    if (!head) continue;
    const name = head.textContent;
    const box = el.closest(".cite-box") || el;
    box.after(button("js_copy", "js_copy_format", { name }, () => el.innerText.trim(), name));
  }

  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;
  const box = document.createElement("div");
  box.className = "note-pop passage-pop";
  box.popover = "auto";
  box.setAttribute("role", "dialog");
  mark(box, "js_passage").setAttribute("aria-label", w("js_passage"));
  document.body.append(box);
  const site = article.dataset.site;
  const short = article.dataset.short;

  function open(link) {
    const note = link.classList.contains("pn-note");
    const n = note ? link.hash.slice(4) : link.dataset.n;
    const pages = note ? link.closest("li").dataset.pages : link.dataset.pages;
    const url = here + link.hash;
    const where = note ? `n. ${n}` : `¶ ${n}`;
    const head0 = pages ? `${short.replace(/”$/, ",”")} ${pages},` : `${short},`;
    const text = `${head0} ${where}, ${site}, ${url} (accessed ${long}).`;
    const said = note ? "js_note_head" : "js_paragraph_head";
    const head = mark(document.createElement("p"), said);
    head.className = "note-pop-head";
    head.textContent = `${w(said, { n })}${pages ? " · " + pages : ""}`;
    const cited = document.createElement("p");
    cited.className = "passage-cite";
    cited.textContent = text;
    const tools = document.createElement("p");
    tools.append(
      button("js_copy_link", "js_copy_link_to", { where }, () => url, w("js_link")),
      " ",
      button("js_copy_citation", "js_copy_citation_of", { where }, () => text, w("js_citation")),
    );
    box.replaceChildren(head, cited, tools);
    link.after(box);
    box.showPopover();
    const r = link.getBoundingClientRect();
    const width = box.offsetWidth;
    box.style.setProperty("left", `${Math.max(8, Math.min(r.left, innerWidth - width - 8)) + scrollX}px`);
    box.style.setProperty("top", `${r.bottom + 6 + scrollY}px`);
    box.querySelector("button").focus();
  }
  box.addEventListener("focusout", (e) => {
    if (e.relatedTarget && !box.contains(e.relatedTarget)) box.hidePopover();
  });
  for (const li of document.querySelectorAll(".notes li[id^='fn-']")) {
    const a = document.createElement("a");
    a.className = "pn-note";
    a.href = `#${li.id}`;
    a.tabIndex = -1;
    a.textContent = "¶";
    const pages = li.dataset.pages;
    const said = pages ? "js_note_pages_cite" : "js_note_cite";
    mark(a, said).setAttribute("aria-label", w(said, { n: li.id.slice(3), pages }));
    li.append(" ", a);
  }
  for (const a of document.querySelectorAll("a.pn")) {
    const values = { n: a.dataset.n, pages: a.dataset.pages };
    mark(a, "js_paragraph_cite").setAttribute("aria-label", w("js_paragraph_cite", values));
  }
  for (const link of document.querySelectorAll("a.pn, a.pn-note")) {
    link.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      history.replaceState(null, "", link.hash); // the permalink, without jumping
      open(link);
      e.preventDefault();
    });
  }
  // ¶ links are out of the tab order; focus inside the block lets Shift+Tab reach it.
  for (const block of document.querySelectorAll(".body > p, .notes li")) {
    const link = block.querySelector(":scope > a.pn, :scope > a.pn-note");
    if (!link) continue;
    block.addEventListener("focusin", () => link.setAttribute("tabindex", "0"));
    block.addEventListener("focusout", (e) => {
      if (!block.contains(e.relatedTarget)) link.setAttribute("tabindex", "-1");
    });
  }
})();
