// Progressive enhancement of the review's download buttons. Without this file each link
// downloads the kept file, or opens a page saying it is being prepared that asks again by itself
// (the server never makes a file in the request).
// With it, a click asks the server to prepare the file (the task worker makes it), says
// "Preparing the PDF…" on the button and in the live region while it asks again every second,
// then downloads the kept file. Anything unexpected falls back to the plain link. A draft's PDF
// is asked for as the page opens.
document.addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("[data-downloads]");
  if (!section || !window.fetch) return;
  const status = section.querySelector("[data-download-status]");
  const token = section.querySelector("input[name=csrfmiddlewaretoken]");
  const POLL_MS = 1000;
  // A worker that is down or far behind: after a minute, the plain link's page, which goes on
  // asking.
  const GIVE_UP_MS = 60 * 1000;

  const say = (text) => {
    if (status) status.textContent = text;
  };
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const ask = async (url, method) => {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token.value },
    });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };

  // A draft's slow files (its PDF) are asked for as the page opens, without a word on the
  // page: the task worker makes them while the reader reads, and the click finds them made.
  if (token) {
    section.querySelectorAll("a[data-prepare-on-opening]").forEach((link) => {
      ask(link.dataset.prepare, "POST").catch(() => {});
    });
  }

  section.querySelectorAll("a[data-prepare]").forEach((link) => {
    link.addEventListener("click", async (event) => {
      if (!token) return;
      event.preventDefault();
      if (link.getAttribute("aria-disabled") === "true") return;
      const label = link.querySelector("[data-download-label]");
      const original = label.textContent;
      link.setAttribute("aria-disabled", "true");
      link.classList.add("button--busy");
      try {
        let answer = await ask(link.dataset.prepare, "POST");
        const started = Date.now();
        while (answer.status === "preparing" && Date.now() - started < GIVE_UP_MS) {
          label.textContent = answer.message;
          say(answer.message);
          await wait(POLL_MS);
          answer = await ask(answer.status_url, "GET");
        }
        say(answer.message);
        // Ready: the kept file. Otherwise (failed, changed meanwhile, too long): the plain
        // link, which gives the current content's kept file or the page that goes on asking.
        window.location.assign(answer.status === "ready" ? answer.download_url : link.href);
      } catch (error) {
        window.location.assign(link.href);
      } finally {
        label.textContent = original;
        link.removeAttribute("aria-disabled");
        link.classList.remove("button--busy");
      }
    });
  });
});
