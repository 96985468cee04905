// Keeps the cohort page's sync status current while a roster sync runs or scores are waiting.
// The region is a polite live region, so screen readers hear each change; without
// JavaScript the "Refresh" link in the message does the same job.
const region = document.getElementById("sync-status");
const source = region && region.dataset.refresh;
const words = (node) => node.textContent.replace(/\s+/g, " ").trim();
if (source) {
  let delay = 3000;
  const poll = async () => {
    try {
      const response = await fetch(source, { headers: { Accept: "text/html" } });
      if (!response.ok) return;  // stop quietly: the page still has its refresh link
      const fresh = document.createElement("template");
      fresh.innerHTML = await response.text();
      // Replace only when the words change, so screen readers hear news, not every poll.
      if (words(fresh.content) !== words(region)) region.replaceChildren(fresh.content);
      if (response.headers.get("X-Sync-Busy") !== "1") return;
    } catch (error) {
      delay = Math.min(delay * 2, 60000);  // network trouble: back off
    }
    window.setTimeout(poll, delay);
  };
  window.setTimeout(poll, delay);
}
