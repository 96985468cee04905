// LTI platform storage: read back what the login stored, then launch again with it.
(function () {
  var cfg = JSON.parse(document.getElementById("plh-storage").textContent);
  var target = cfg.target === "_parent" ? window.parent : (window.parent.frames[cfg.target] || window.parent);
  var id = "plh-" + Math.random().toString(36).slice(2);
  var answered = false;
  window.addEventListener("message", function (event) {
    if (event.origin !== cfg.origin || !event.data) { return; }
    if (event.data.subject === "lti.get_data.response" && event.data.message_id === id) {
      answered = true;
      if (event.data.value) {
        document.getElementById("secret").value = event.data.value;
        document.getElementById("relaunch").submit();
      } else {
        document.getElementById("failed").hidden = false;
      }
    }
  });
  target.postMessage({subject: "lti.get_data", message_id: id, key: "plh_" + cfg.state}, cfg.origin);
  setTimeout(function () { if (!answered) { document.getElementById("failed").hidden = false; } }, 3000);
})();
