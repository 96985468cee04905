// The referee's page on the public site: after a refused form the error summary
// (data-plh-focus) takes focus, so that screen readers read it and the keyboard starts there.
(function () {
  "use strict";
  var summary = document.querySelector("[data-plh-focus]");
  if (summary) {
    summary.focus();
  }
})();
