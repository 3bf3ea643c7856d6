// "Cite this": the page's address, today's date, copy buttons; a ¶ cites its passage.
// Without it, ¶ links are permalinks and citations keep their placeholders.
(() => {
  const article = document.querySelector(".article[data-short]");
  if (!article) return;
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
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = `${what} copied`;
    } catch {
      status.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it`;
    }
    return status.textContent;
  }
  function button(label, name, text, what) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = label;
    b.setAttribute("aria-label", name);
    b.addEventListener("click", async () => {
      b.textContent = (await copy(text(), what)).startsWith("Could") ? "Select and copy" : "Copied";
      setTimeout(() => (b.textContent = label), 2000);
    });
    return b;
  }
  for (const el of document.querySelectorAll(".cite-text")) {
    const head = document.getElementById(`${el.id}-h`);
    if (!head) continue;
    const name = head.textContent;
    const box = el.closest(".cite-box") || el;
    box.after(button("Copy", `Copy the ${name} citation`, () => el.innerText.trim(), name));
  }

  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;
  const box = document.createElement("div");
  box.className = "note-pop passage-pop";
  box.popover = "auto";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-label", "Link and cite this passage");
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
    const head = document.createElement("p");
    head.className = "note-pop-head";
    head.textContent = `${note ? "Note" : "Paragraph"} ${n}${pages ? " · " + pages : ""}`;
    const cited = document.createElement("p");
    cited.className = "passage-cite";
    cited.textContent = text;
    const tools = document.createElement("p");
    tools.append(
      button("Copy link", `Copy the link to ${where}`, () => url, "Link"),
      " ",
      button("Copy citation", `Copy the citation of ${where}`, () => text, "Citation"),
    );
    box.replaceChildren(head, cited, tools);
    link.after(box);
    box.showPopover();
    const r = link.getBoundingClientRect();
    const w = box.offsetWidth;
    box.style.setProperty("left", `${Math.max(8, Math.min(r.left, innerWidth - w - 8)) + scrollX}px`);
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
    a.setAttribute("aria-label", `Note ${li.id.slice(3)}${pages ? ", " + pages : ""}: link and cite`);
    li.append(" ", a);
  }
  for (const a of document.querySelectorAll("a.pn")) {
    a.setAttribute("aria-label", `Paragraph ${a.dataset.n}, ${a.dataset.pages}: link and cite`);
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
