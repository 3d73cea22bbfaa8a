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

// 关怀模式's 朗读: a tour step's or a practice hint's words, spoken by the browser's own voice
// in the page's language. The buttons are drawn hidden and shown only where the browser has a
// voice for that language (voices may arrive after the page: voiceschanged).
(function () {
  var buttons = document.querySelectorAll("[data-speak]");
  var synth = window.speechSynthesis;
  if (!buttons.length || !synth || !window.SpeechSynthesisUtterance) return;
  var english = (document.documentElement.lang || "").indexOf("en") === 0;
  var wanted = english ? "en" : "zh";

  function voice() {
    return synth.getVoices().filter(function (found) {
      return (found.lang || "").toLowerCase().indexOf(wanted) === 0;
    })[0];
  }

  function offer() {
    if (!voice()) return;
    buttons.forEach(function (button) { button.hidden = false; });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var words = new window.SpeechSynthesisUtterance(button.getAttribute("data-speak"));
      words.lang = english ? "en-US" : "zh-CN";
      words.voice = voice() || null;
      synth.cancel();
      synth.speak(words);
    });
  });
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
})();
