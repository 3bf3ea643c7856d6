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
    // A press outside the card closes it (light dismiss) before the click: remember
    // whether it was open, so a second click on the name closes it, not reopens.
    let pressed = false;
    const mine = () => card.matches(":popover-open") && by.get(card) === name;
    name.addEventListener("pointerdown", () => (pressed = mine()));
    name.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button) return;
      e.preventDefault();
      const shown = e.detail ? pressed : mine(); // a pointer's click, or Enter
      pressed = false;
      if (card.matches(":popover-open")) card.hidePopover();
      if (shown) return;
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
