// LTI platform storage: keep the login state with the platform (no third-party cookie).
(function () {
  var cfg = JSON.parse(document.getElementById("plh-storage").textContent);
  var target = cfg.target === "_parent" ? window.parent : (window.parent.frames[cfg.target] || window.parent);
  var id = "plh-" + Math.random().toString(36).slice(2);
  var done = false;
  function go() { if (!done) { done = true; window.location.replace(cfg.auth_url); } }
  window.addEventListener("message", function (event) {
    if (event.origin !== cfg.origin || !event.data) { return; }
    if (event.data.subject === "lti.put_data.response" && event.data.message_id === id) { go(); }
  });
  target.postMessage({subject: "lti.put_data", message_id: id, key: "plh_" + cfg.state, value: cfg.secret}, cfg.origin);
  setTimeout(go, 2000);  // no answer: continue with the cookie the server set
})();
