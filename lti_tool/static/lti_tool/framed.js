// Every page shown in the LMS frame (loaded by framed_base.html).
//
// 1. Fit the frame: LMSs frame the tool at about the window's height, so a long lesson would
//    scroll inside a scrolling page. The de-facto "lti.frameResize" message (understood by
//    Canvas, Moodle, Brightspace and Sakai) asks the platform to make the frame as tall as the
//    document: sent once loaded and again whenever the document's height changes.
// 2. Say where the learner stands: after a form post the page opens with a notice
//    (data-plh-focus); focus moves to it so that screen readers read it and the keyboard
//    continues from there.
(function () {
  "use strict";

  function documentHeight() {
    // The html element's own box: unlike scrollHeight it shrinks as well as grows (it is never
    // less than the frame's height otherwise, and the frame would never get shorter).
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  var sent = 0;
  function askToFit() {
    var height = documentHeight();
    if (height === sent) { return; }
    sent = height;
    window.parent.postMessage({ subject: "lti.frameResize", height: height }, "*");
  }

  if (window.parent !== window) {
    askToFit();
    window.addEventListener("load", askToFit);
    if ("ResizeObserver" in window) {
      new ResizeObserver(askToFit).observe(document.documentElement);
    }
  }

  var notice = document.querySelector("[data-plh-focus]");
  if (notice) {
    notice.focus();
  }
})();
