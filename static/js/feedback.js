/* Suggestion box: refuse an oversize photo before a slow upload; move focus after an htmx swap.
   Every part of the form works without this file. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var message = document.getElementById("photo-too-big");
    var tooBig = input.files && input.files[0] && input.files[0].size > Number(input.dataset.maxBytes);
    if (tooBig) input.value = "";
    if (message) message.hidden = !tooBig;
  });

  // After the form is swapped in place, take keyboard and screen-reader focus to what changed.
  document.addEventListener("htmx:after:swap", function () {
    var target = document.getElementById("error-summary") || document.getElementById("receipt");
    if (target) target.focus();
  });
})();
