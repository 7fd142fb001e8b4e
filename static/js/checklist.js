// The audit checklist (templates/audits/checklist_detail.html), on top of a page that works without
// it: marks a question whose answer was changed but not saved yet, and asks before leaving the
// page while another question still has unsaved changes.
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.checklist-answer"));
  var sending = null;

  function isDirty(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "radio") {
        return field.checked !== field.defaultChecked;
      }
      return field.tagName === "TEXTAREA" && field.value !== field.defaultValue;
    });
  }

  forms.forEach(function (form) {
    var note = document.createElement("p");
    note.className = "checklist-item__dirty";
    note.textContent = form.getAttribute("data-unsaved");
    note.hidden = true;
    form.querySelector(".checklist-answer__actions").prepend(note);
    function update() {
      note.hidden = !isDirty(form);
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function () {
      sending = form;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = forms.some(function (form) {
      return form !== sending && isDirty(form);
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
