// The preview's editor forms: add and remove list items, pick dates from a calendar, and ask for a
// confirmation when the audience changes. Every check is done by the server on save.
(function () {
  "use strict";
  const form = document.querySelector(".hb-form");
  if (!form) return;

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("hb-remove")) {
      (button.closest(".hb-item") || button.closest(".hb-row")).remove();
    } else if (button.classList.contains("hb-add")) {
      const field = button.parentElement;
      const template = field.querySelector(":scope > template");
      const items = field.querySelector(":scope > .hb-items, :scope > .hb-lines");
      let html = template.innerHTML;
      if (items.classList.contains("hb-items")) {
        const next = Number(items.dataset.next || 0);
        items.dataset.next = String(next + 1);
        html = html.split("__INDEX__").join(String(next));
      }
      items.insertAdjacentHTML("beforeend", html);
      const added = items.lastElementChild.querySelector("input, textarea, select");
      if (added) added.focus();
    }
  });

  // A calendar beside each date: it fills the text box, which is what is saved and checked.
  form.addEventListener("change", function (event) {
    const picker = event.target;
    if (picker.classList.contains("hb-picker") && picker.value) {
      picker.previousElementSibling.value = picker.value;
    }
  });
  form.addEventListener("focusin", function (event) {
    const picker = event.target.closest(".hb-date") && event.target.parentElement.querySelector(".hb-picker");
    const text = picker && picker.previousElementSibling;
    if (text && /^\d{4}-\d{2}-\d{2}$/.test(text.value)) picker.value = text.value;
  });

  // After a refused save, take the clerk to the first field that needs changing.
  const firstError = form.querySelector(".hb-field .hb-error, .hb-group .hb-error");
  const errorField = firstError && firstError.closest("[data-field]");
  const input = errorField && errorField.querySelector("input:not([type=hidden]), textarea, select");
  if (input) {
    input.focus();
  }

  const audience = document.getElementById("f-audience");
  if (audience) {
    const confirm = audience.parentElement.querySelector(".hb-confirm");
    audience.addEventListener("change", function () {
      confirm.hidden = audience.value === audience.dataset.current;
    });
  }
})();
