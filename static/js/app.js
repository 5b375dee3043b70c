// Progressive enhancement only: every page works without this file.
// Move focus to an error summary so screen readers announce it (GOV.UK pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});
