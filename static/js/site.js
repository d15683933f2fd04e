/* consult: small enhancements; every page works without this file. */
(function () {
  "use strict";

  // Live character counters for text areas that declare a limit.
  function initCounters(root) {
    root.querySelectorAll("textarea[maxlength][data-counter]").forEach(function (area) {
      var out = document.getElementById(area.dataset.counter);
      if (!out || area.dataset.counted) return;
      area.dataset.counted = "1";
      var update = function () {
        var left = area.maxLength - area.value.length;
        out.textContent = out.dataset.template.replace("{n}", left);
      };
      area.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { initCounters(document); });
  document.addEventListener("htmx:after:swap", function (event) {
    initCounters(event.target && event.target.querySelectorAll ? event.target : document);
  });
})();
