/* consult moderation queue: keyboard shortcuts (a approve, r reject, e edit, j/k move).
   The queue works without this file: every action is a real form. */
(function () {
  "use strict";

  var currentId = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("#mod-list > .mod-item"));
  }

  function select(item, focus) {
    if (!item) return;
    items().forEach(function (el) {
      el.classList.remove("current");
      el.setAttribute("tabindex", "-1");
    });
    item.classList.add("current");
    item.setAttribute("tabindex", "0");
    currentId = item.id;
    if (focus) item.focus();
  }

  function firstPending(after) {
    var list = items();
    var start = after ? list.indexOf(after) + 1 : 0;
    for (var i = start; i < list.length; i++) {
      if (!list[i].classList.contains("done")) return list[i];
    }
    return null;
  }

  function currentItem() {
    var active = document.activeElement;
    var inside = active && active.closest ? active.closest("#mod-list > .mod-item") : null;
    if (inside) return inside;
    var remembered = currentId ? document.getElementById(currentId) : null;
    return remembered || firstPending(null) || items()[0] || null;
  }

  function isTyping(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && ["checkbox", "radio", "submit", "button"].indexOf(el.type) < 0;
  }

  function openPanel(item, selector, field) {
    var panel = item.querySelector(selector);
    if (!panel) return;
    panel.open = true;
    var target = panel.querySelector(field);
    if (target) target.focus();
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = list.indexOf(currentItem());
    select(list[Math.min(Math.max(index + step, 0), list.length - 1)], true);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (!document.getElementById("mod-list") || isTyping(event.target)) return;
    var key = event.key;
    if (["a", "r", "e", "j", "k"].indexOf(key) < 0) return;
    var item = currentItem();
    if (!item) return;
    event.preventDefault();
    if (key === "j") return move(1);
    if (key === "k") return move(-1);
    if (item.classList.contains("done")) return;
    select(item, key === "a");
    if (key === "a") {
      var form = item.querySelector("form.mod-approve");
      if (form) form.requestSubmit();
    } else if (key === "r") {
      openPanel(item, ".mod-reject", "select");
    } else {
      openPanel(item, ".mod-redact", "textarea");
    }
  });

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest ? event.target.closest("#mod-list > .mod-item") : null;
    if (item && item.id !== currentId) select(item, false);
  });

  // After htmx replaced the current item with its "done" line, go on to the next pending one;
  // after the whole queue was replaced (bulk approve, marking), start again at the top.
  document.addEventListener("htmx:after:settle", function (event) {
    var target = event.target;
    if (!target || !target.matches) return;
    if (target.matches("#mod-list > .mod-item.done") && target.id === currentId) {
      var next = firstPending(target);
      if (next) select(next, true);
      else select(target, true);
    } else if (target.id === "mod-queue") {
      var first = firstPending(null);
      if (first) select(first, false);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var legend = document.getElementById("kbd-legend");
    if (legend) legend.hidden = false;
    var first = firstPending(null);
    var anchored = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    select(anchored && anchored.classList.contains("mod-item") ? anchored : first, false);
  });
})();
