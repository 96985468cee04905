// Submits the page's form marked data-auto-submit (the Deep Linking response going back to the
// platform); without JavaScript the form's own button does the same.
(function () {
  var form = document.querySelector("form[data-auto-submit]");
  if (form) { form.submit(); }
})();
