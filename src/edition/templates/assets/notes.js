// Footnote popovers: progressive enhancement of the note markers (links to #fn-N).
// Without this file, or without the Popover API, markers simply jump to the endnotes.
// The search-hit bar (hits.js) is loaded only on a page opened from a search result:
// a page read from its link or the contents does not pay for it.
if (/[?&]pagefind-highlight=/.test(location.search)) {
  import(new URL("hits.js", document.currentScript.src).href);
}
(() => {
  const markers = document.querySelectorAll("a.note-ref");
  if (!markers.length || !HTMLElement.prototype.hasOwnProperty("popover")) return;
  // The page's words (site/words.py: the article's language, English where missing).
  const { words = {}, langs = {} } = JSON.parse(document.getElementById("edition-words")?.textContent || "{}");
  const say = (el, key, values = {}, attr = "") => {
    const text = (words[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
    if (langs[key]) el.lang = langs[key];
    if (attr) el.setAttribute(attr, text);
    else el.textContent = text;
    return text;
  };
  const pop = document.createElement("div");
  pop.id = "note-pop";
  pop.className = "note-pop";
  pop.popover = "auto";
  pop.tabIndex = -1;
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-labelledby", "note-pop-title");
  document.body.append(pop);
  let current = null; // the marker whose note is shown
  let leaving = false; // a link inside was followed: leave focus where it goes
  let previewing = false; // shown by hovering, not yet clicked
  let timer = 0;
  let pressed = null; // { marker, pinned } at the last pointerdown on a marker
  const shown = (marker) => current === marker && pop.matches(":popover-open");

  function place() {
    const r = current.getBoundingClientRect();
    const doc = document.documentElement;
    const vw = doc.clientWidth, vh = doc.clientHeight, gap = 8;
    pop.style.removeProperty("max-height");
    const w = pop.offsetWidth;
    const below = r.bottom + gap + pop.offsetHeight <= vh || r.top < vh - r.bottom;
    // Shrink (it scrolls inside) rather than spill past the screen's edge.
    const room = (below ? vh - r.bottom : r.top) - 2 * gap;
    if (pop.offsetHeight > room) pop.style.setProperty("max-height", `${Math.max(room, 80)}px`);
    const h = pop.offsetHeight;
    const left = Math.max(gap, Math.min(r.left + r.width / 2 - w / 2, vw - w - gap));
    const top = below ? r.bottom + gap : r.top - gap - h;
    pop.style.setProperty("left", `${left + scrollX}px`);
    pop.style.setProperty("top", `${Math.max(gap, top) + scrollY}px`);
  }

  function open(marker, focus = true) {
    const note = document.getElementById(marker.hash.slice(1));
    if (!note) return false;
    const body = note.querySelector(".note-text") || note;
    const n = marker.dataset.note || marker.textContent;
    pop.replaceChildren();
    const head = document.createElement("p");
    head.className = "note-pop-head";
    const title = document.createElement("a");
    title.id = "note-pop-title";
    title.href = marker.hash;
    say(title, "js_note_n", { n });
    const close = document.createElement("button");
    close.type = "button";
    close.className = "note-pop-close";
    say(close, "js_close_note", {}, "aria-label");
    close.textContent = "×";
    close.addEventListener("click", () => pop.hidePopover());
    head.append(title, close);
    const text = document.createElement("div");
    text.className = "note-pop-body";
    text.append(...Array.from(body.childNodes, (c) => c.cloneNode(true)));
    pop.append(head, text);
    if (current) {
      const previous = current;
      leaving = true;
      if (pop.matches(":popover-open")) pop.hidePopover();
      previous.setAttribute("aria-expanded", "false");
    }
    current = marker;
    leaving = false;
    marker.after(pop); // keeps the tab order: marker, note, then the text that follows
    try {
      pop.showPopover({ source: marker });
    } catch {
      pop.showPopover();
    }
    marker.setAttribute("aria-expanded", "true");
    place();
    if (focus) pop.focus({ preventScroll: true });
    return true;
  }

  pop.addEventListener("toggle", (e) => {
    // Toggle events are async: ignore a close that a reopening overtook.
    if (e.newState !== "closed" || !current || pop.matches(":popover-open")) return;
    const marker = current;
    current = null;
    previewing = false;
    marker.setAttribute("aria-expanded", "false");
    const active = document.activeElement;
    if (!leaving && (!active || active === document.body || pop.contains(active))) {
      marker.focus({ preventScroll: true });
    }
  });
  pop.addEventListener("click", (e) => {
    const link = e.target.closest("a[href]");
    if (link) {
      leaving = true;
      pop.hidePopover();
    }
  });
  for (const marker of markers) {
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-controls", "note-pop");
    marker.setAttribute("aria-haspopup", "dialog");
    // Light dismiss may close the note between pointerdown and click: remember
    // what the reader saw when pressing, so a second click closes, not reopens.
    marker.addEventListener("pointerdown", () => {
      pressed = { marker, pinned: shown(marker) && !previewing };
    });
    marker.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      clearTimeout(timer);
      e.preventDefault();
      const pinned = e.detail && pressed ? pressed.marker === marker && pressed.pinned
        : shown(marker) && !previewing;
      pressed = null;
      if (pinned) {
        if (shown(marker)) pop.hidePopover();
        return;
      }
      if (!shown(marker) && !open(marker)) {
        location.hash = marker.hash;
        return;
      }
      previewing = false;
      pop.focus({ preventScroll: true });
    });
  }
  addEventListener("resize", () => current && place());
  // Focus leaving the note closes it.
  pop.addEventListener("focusout", (e) => {
    const to = e.relatedTarget;
    if (!to || pop.contains(to) || !pop.matches(":popover-open")) return;
    leaving = true;
    pop.hidePopover();
  });

  // Wide screens: notes in the margin (floats clearing each other never overlap),
  // for the eye only: screen readers and the keyboard use the marker.
  const wide = matchMedia("(min-width: 75rem)");
  let sidenotes = false;
  function margin() {
    if (sidenotes || !wide.matches) return;
    sidenotes = true;
    for (const marker of document.querySelectorAll(".body a.note-ref")) {
      const note = document.getElementById(marker.hash.slice(1));
      if (!note) continue;
      const side = document.createElement("span");
      side.className = "sidenote";
      side.setAttribute("aria-hidden", "true");
      const n = document.createElement("span");
      n.className = "sn-n";
      n.textContent = `${marker.dataset.note}.`;
      side.append(n, " ", ...Array.from((note.querySelector(".note-text") || note).childNodes,
        (c) => c.cloneNode(true)));
      for (const link of side.querySelectorAll("a")) link.tabIndex = -1;
      for (const el of side.querySelectorAll("[id]")) el.removeAttribute("id");
      marker.after(side);
    }
  }
  margin();
  wide.addEventListener("change", margin);

  // Hover preview for fine pointers (WCAG 1.4.13: hoverable, dismissible, persistent).
  if (!matchMedia("(hover: hover) and (pointer: fine)").matches) return;
  const beside = () => wide.matches; // the note is in the margin already: no preview
  const later = (fn, ms) => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  const leave = () =>
    previewing &&
    later(() => {
      leaving = true;
      pop.hidePopover();
    }, 300);
  for (const marker of markers) {
    marker.addEventListener("mouseenter", () => {
      if (current === marker) return clearTimeout(timer);
      if ((current && !previewing) || beside()) return;
      later(() => {
        if (open(marker, false)) previewing = true;
      }, 400);
    });
    marker.addEventListener("mouseleave", leave);
  }
  pop.addEventListener("mouseenter", () => clearTimeout(timer));
  pop.addEventListener("mouseleave", leave);
})();
