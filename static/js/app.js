// Progressive enhancement only: every flow works without this file.
"use strict";

// A switch inside form[data-autosubmit] saves as soon as it changes, so the form's
// no-script 保存 button ([data-noscript-only]) is hidden.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.querySelectorAll("[data-noscript-only]").forEach(function (el) {
    el.classList.add("is-hidden");
  });
  form.addEventListener("change", function (event) {
    if (event.target.matches('input[type="checkbox"][role="switch"]')) {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });
});

// A guided tour's ring may be drawn below the fold (a long 常见问题): bring it, and its hint,
// into view, so nothing the trainee must tap is below the phone's bottom edge.
(function () {
  var hint = document.querySelector('[data-testid="tour-hint"]');
  var ring = document.querySelector(".is-tour-target");
  var shown = hint || ring;
  if (shown && shown.scrollIntoView) shown.scrollIntoView({block: "nearest"});
})();
