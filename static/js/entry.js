/* Fast entry of paper forms: keys for an officer with a stack of forms. Without this file
   everything still works with Tab, the arrow keys, Space and the "Lưu phiếu" button.
   - In a choice group, digits pick: 0 leaves it blank, 1, 2, 3… choose (checkboxes toggle).
   - Enter on a choice or a select saves the form, as it does in a text field;
     Ctrl+Enter saves from a text area (where Enter makes a new line).
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

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var form = entryForm(target);
    if (!form || event.altKey || event.metaKey || event.isComposing) return;
    if (event.key === "Enter") {
      var saves = (isChoice(target) || target.tagName === "SELECT") ? !event.ctrlKey
        : (target.tagName === "TEXTAREA" && event.ctrlKey);
      if (saves) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (isChoice(target) && !event.ctrlKey && /^[0-9]$/.test(event.key) && pick(target, event.key)) {
      event.preventDefault();
    }
  });
})();
