// Name cards: a marked name (a link to its entry on the register page) opens its
// card, a popover the page carries, instead. Without this file, or without the
// Popover API, the link goes to the register page.
(() => {
  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;
  const by = new WeakMap(); // card -> the name that opened it
  const home = document.querySelector(".name-cards");
  for (const name of document.querySelectorAll("a.name-ref")) {
    const card = document.getElementById(name.dataset.card);
    if (!card) continue;
    name.setAttribute("aria-haspopup", "dialog");
    name.setAttribute("aria-expanded", "false");
    name.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button) return;
      e.preventDefault();
      const open = card.matches(":popover-open");
      if (open) card.hidePopover();
      if (open && by.get(card) === name) return;
      by.set(card, name);
      name.after(card); // the tab order: the name, its card, then the text after it
      card.showPopover();
      name.setAttribute("aria-expanded", "true");
      card.focus();
    });
  }
  // Closed (Escape, a click outside, ×): the name that opened it takes the focus back.
  addEventListener("toggle", (e) => {
    const card = e.target, name = by.get(card);
    if (e.newState !== "closed" || !name || card.matches(":popover-open")) return;
    name.setAttribute("aria-expanded", "false");
    const active = document.activeElement;
    const inside = card.contains(active);
    home.append(card); // back out of the text: a note's copy (notes.js) never holds it
    if (!active || active === document.body || inside) name.focus();
  }, true);
})();
