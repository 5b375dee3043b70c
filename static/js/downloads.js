// Progressive enhancement of the review's download buttons: without this file each link
// downloads as any link does. With it, the button says the file is being prepared until the
// server has made it (a draft's PDF takes a second or two), then hands it to the browser.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("[data-download-status]");
  document.querySelectorAll("a[data-download]").forEach((link) => {
    link.addEventListener("click", async (event) => {
      if (!window.fetch || !window.URL || link.getAttribute("aria-disabled") === "true") return;
      event.preventDefault();
      const label = link.querySelector("[data-download-label]");
      const original = label.textContent;
      const busy = `Preparing: ${link.dataset.download}…`;
      label.textContent = busy;
      link.setAttribute("aria-disabled", "true");
      link.classList.add("button--busy");
      if (status) status.textContent = busy;
      try {
        const response = await fetch(link.href, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const url = URL.createObjectURL(await response.blob());
        const save = document.createElement("a");
        save.href = url;
        save.download = link.getAttribute("download") || "";
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        if (status) status.textContent = `Ready: ${link.dataset.download}.`;
      } catch (error) {
        // Let the browser try the plain link: it shows the server's own answer.
        window.location.href = link.href;
      } finally {
        label.textContent = original;
        link.removeAttribute("aria-disabled");
        link.classList.remove("button--busy");
      }
    });
  });
});
