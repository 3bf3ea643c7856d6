// Name cards: a marked name (a link to its entry on the register page) opens its
// card, a popover the page carries, instead. Without this file, or without the
// Popover API, the link goes to the register page. One listener for the page, so
// the copies of a note in its popover and in the margin (notes.js) open cards too.
(() => {
  const home = document.querySelector(".name-cards");
  if (!home || !HTMLElement.prototype.hasOwnProperty("popover")) return;
  const by = new WeakMap(); // card -> the name that opened it
  let pressed = null; // the name pressed while its card was open
  const nameOf = (e) => e.target.closest?.("a.name-ref[data-card]");
  const cardOf = (name) => document.getElementById(name.dataset.card);
  const mine = (name, card) => card.matches(":popover-open") && by.get(card) === name;
  for (const name of document.querySelectorAll("a.name-ref")) {
    name.setAttribute("aria-haspopup", "dialog");
    name.setAttribute("aria-expanded", "false");
  }
  // A press outside the card closes it (light dismiss) before the click: remember
  // whether it was open, so a second click on the name closes it, not reopens.
  document.addEventListener("pointerdown", (e) => {
    const name = nameOf(e), card = name && cardOf(name);
    pressed = card && mine(name, card) ? name : null;
  }, true);
  document.addEventListener("click", (e) => {
    const name = nameOf(e), card = name && cardOf(name);
    if (!card || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button) return;
    e.preventDefault();
    const shown = e.detail ? pressed === name : mine(name, card); // a pointer's click, or Enter
    pressed = null;
    if (card.matches(":popover-open")) card.hidePopover();
    if (shown) return;
    by.set(card, name);
    // In the text the card follows the name in the tab order; a copy's card stays put.
    if (!name.closest("[popover], .sidenote")) name.after(card);
    card.showPopover();
    name.setAttribute("aria-expanded", "true");
    card.focus();
  });
  // Closed (Escape, a click outside, ×): the name that opened it takes the focus back.
  addEventListener("toggle", (e) => {
    const card = e.target, name = by.get(card);
    if (e.newState !== "closed" || !name || card.matches(":popover-open")) return;
    name.setAttribute("aria-expanded", "false");
    const active = document.activeElement;
    const inside = card.contains(active);
    home.append(card); // back out of the text: a note's copy (notes.js) never holds it
    if ((!active || active === document.body || inside) && name.checkVisibility()) name.focus();
  }, true);
})();
