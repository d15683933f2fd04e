/* Question editor: show only the settings that apply to the chosen kind. Without this
   file every setting is shown, each saying which kinds it is for. */
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
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:after:swap", function () { init(document); });
})();
