// On a wide screen each session's quick actions stay open; on a phone they fold away behind
// their summary, so the day reads as a list rather than a wall of forms.
if (window.matchMedia("(min-width: 48rem)").matches) {
  for (const quick of document.querySelectorAll("details.quick")) {
    quick.open = true;
  }
}

// Asks before the actions that cannot be taken back with one click (cancel, remove).
document.addEventListener("submit", (event) => {
  const question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Pages whose content changes on its own (the kiosk's health, today's attendance) fetch
// themselves again every few seconds and swap that content in place, unless someone is
// typing in it. Signed out meanwhile: the whole page reloads, onto the sign-in form.
const live = document.querySelector("[data-refresh]");
if (live && live.id) {
  const seconds = Math.max(2, Number(live.getAttribute("data-refresh")) || 10);
  window.setInterval(async () => {
    const current = document.getElementById(live.id);
    if (document.hidden || !current || current.contains(document.activeElement)) {
      return;
    }
    try {
      const response = await fetch(window.location.href, { cache: "no-store" });
      if (response.redirected || response.status === 401 || response.status === 403) {
        window.location.reload();
        return;
      }
      if (!response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(live.id);
      if (fresh) {
        current.replaceWith(document.importNode(fresh, true));
      }
    } catch (error) {
      // The console is unreachable for a moment: keep what is shown, try again next time.
    }
  }, seconds * 1000);
}
