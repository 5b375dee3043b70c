// "Add another" without a reload: the button (a submit button that saves the draft and adds a
// row when JavaScript is off) copies the list's <template> row with the next form index.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-add-another]").forEach((button) => {
    const prefix = button.dataset.addAnother;
    const template = document.getElementById(`${prefix}-template`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const rows = document.getElementById(`${prefix}-rows`);
    if (!template || !total || !rows) return;
    button.addEventListener("click", (event) => {
      event.preventDefault();
      const index = Number(total.value);
      const html = template.innerHTML
        .replaceAll("__prefix__", String(index))
        .replaceAll("__number__", String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const added = rows.lastElementChild;
      const first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });
});
