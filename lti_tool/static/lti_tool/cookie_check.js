// The LMS frames the login: check that the tool's cookies work in this frame before going on
// to the platform; when they are blocked, offer a new window instead.
(function () {
  var key = "plh_cookie_check=" + Date.now();
  document.cookie = key + "; SameSite=None; Secure; Partitioned; path=/lti/";
  if (navigator.cookieEnabled && document.cookie.indexOf(key) !== -1) {
    window.location.replace(JSON.parse(document.getElementById("plh-auth-url").textContent));
  } else {
    document.getElementById("status").textContent = "This needs a new window";
    document.getElementById("blocked").hidden = false;
  }
})();
