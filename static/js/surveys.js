/* Question editor: show only the settings that apply to the chosen kind, and keep the
   keyboard focus where the work is after an in-place swap. Without this file every
   setting is shown (each says which kinds it is for) and every action reloads the page. */
(function () {
  "use strict";

  function sync(select) {
    var form = select.form;
    if (!form) return;
    form.querySelectorAll("[data-kinds]").forEach(function (part) {
      part.hidden = part.dataset.kinds.split(" ").indexOf(select.value) < 0;
    });
  }

  function init(root) {
    root.querySelectorAll("select[data-question-kind]").forEach(sync);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-question-kind]")) sync(event.target);
  });

  // The server marks the element to focus in a fragment (the form just opened, the item
  // just saved or moved); the mark is removed so a later swap never focuses a stale one.
  function focusMarked() {
    var target = document.querySelector("[data-autofocus]");
    if (!target) return;
    target.removeAttribute("data-autofocus");
    target.focus();
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:after:swap", function () { init(document); focusMarked(); });
})();
