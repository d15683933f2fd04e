/* Fast entry of paper forms: keys for an officer with a stack of forms. Without this file
   everything still works with Tab, the arrow keys, Space and the "Lưu phiếu" button.
   - In a choice group, digits pick: 0 leaves it blank, 1, 2, 3… choose (checkboxes toggle).
   - Enter on a choice or a select saves the form, as it does in a text field;
     Ctrl+Enter saves from a text area (where Enter makes a new line).
   - Enter pressed twice with nothing done in between saves once: the second press would
     otherwise land on the fresh blank form (the server stores a form once anyway, as each
     rendered form has its own idempotency key). A save that failed can be retried at once.
   After a save htmx swaps the blank form in and focuses its [autofocus] first field. */
(function () {
  "use strict";

  function entryForm(element) {
    return element && element.closest ? element.closest("form.entry-form") : null;
  }

  function isChoice(element) {
    return element.tagName === "INPUT" && (element.type === "radio" || element.type === "checkbox");
  }

  function pick(target, key) {
    var group = target.closest("[data-keys]");
    var match = group && group.querySelector('input[data-key="' + key + '"]');
    if (!match) return false;
    if (match.type === "radio") {
      match.checked = true;
    } else {
      match.checked = !match.checked;
    }
    match.focus();
    match.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  // True while the last thing done was an Enter that saved.
  var justSaved = false;
  function somethingElse() { justSaved = false; }
  ["input", "change", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, somethingElse, true);
  });
  document.addEventListener("htmx:error", somethingElse);
  document.addEventListener("htmx:after:request", function (event) {
    var response = event.detail && event.detail.ctx && event.detail.ctx.response;
    if (!response || response.status >= 400) somethingElse();
  });

  function savesOnEnter(target, event) {
    if (target.tagName === "TEXTAREA") return event.ctrlKey;
    if (target.tagName === "BUTTON") return target.type === "submit";
    return target.tagName === "INPUT" || target.tagName === "SELECT";
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var form = entryForm(target);
    if (!form || event.altKey || event.metaKey || event.isComposing) return;
    if (event.key !== "Enter") {
      somethingElse();
      if (isChoice(target) && !event.ctrlKey && /^[0-9]$/.test(event.key) && pick(target, event.key)) {
        event.preventDefault();
      }
      return;
    }
    if (!savesOnEnter(target, event)) return;
    if (justSaved || event.repeat) {
      event.preventDefault();
      return;
    }
    justSaved = true;
    // Text fields and the button save by themselves; choices, selects and text areas are helped.
    if (isChoice(target) || target.tagName === "SELECT" || target.tagName === "TEXTAREA") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
