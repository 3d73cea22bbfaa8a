// The trainer's stage (templates/layouts/stage.html): progressive only, every control works
// without it. It
// - scales the phone to the window's height (a projector's 1080 lines: all of it, crisp);
// - shows every tap on the phone with a ripple (static/js/ripple.js), for the audience;
// - refreshes the panel after every page the phone shows, so it never lags the phone;
// - keeps the panel's scroll position across its own actions;
// - takes keyboard shortcuts (? lists them: templates/stage/_shortcuts.html); Shift+R asks
//   before it resets the account.
"use strict";

(function () {
  var frame = document.querySelector('[data-testid="stage-phone"]');
  var fitted = document.querySelector("[data-stage-fit]");
  var panel = document.querySelector("[data-stage-panel]");
  var shortcuts = document.querySelector('[data-testid="stage-shortcuts"]');
  if (!frame || !fitted) return;

  // -- the phone's size: the whole bezel as large as the window's height allows --------------
  var PHONE_W = 410, PHONE_H = 864;  // 390 x 844 and the bezel's 10 px on each side
  var PANEL_LEAST = 320 + 32;  // the panel's least width (stage.css) and the gap before it
  function fit() {
    var presenting = document.body.classList.contains("is-presenting");
    var height = window.innerHeight - (presenting ? 112 : 48);
    var width = window.innerWidth - 48 - (panel ? PANEL_LEAST : 0);
    var scale = Math.max(0.5, Math.min(height / PHONE_H, width / PHONE_W, 2.5));
    fitted.style.setProperty("--phone-scale", scale.toFixed(3));
  }
  window.addEventListener("resize", fit);
  fit();

  // -- taps on the phone: a ripple where each one lands ---------------------------------------
  function ripple(doc, x, y) {
    if (window.tapRipple) window.tapRipple(doc, x, y);
  }
  function watchPhone(doc) {
    if (!doc.querySelector('link[data-stage-ripple]')) {
      var look = doc.createElement("link");
      look.rel = "stylesheet";
      look.href = frame.getAttribute("data-ripple-css");
      look.setAttribute("data-stage-ripple", "");
      doc.head.appendChild(look);
    }
    doc.addEventListener("pointerdown", function (event) {
      ripple(doc, event.clientX, event.clientY);
    }, true);
    // A tap made by a script (autoplay, the next-step key) has no pointer: its element's middle.
    doc.addEventListener("click", function (event) {
      if (event.isTrusted || !(event.target instanceof doc.defaultView.Element)) return;
      var box = event.target.getBoundingClientRect();
      ripple(doc, box.left + box.width / 2, box.top + box.height / 2);
    }, true);
    doc.addEventListener("keydown", onKey);
  }

  // -- the panel: refreshed after every page the phone shows ----------------------------------
  var loaded = false;
  function refreshPanel() {
    if (!panel) return;
    fetch(panel.getAttribute("data-refresh"), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var top = panel.scrollTop;
        panel.innerHTML = html;
        panel.scrollTop = top;
        showShortcutsButton();
      })
      .catch(function () { /* the 刷新 link still works */ });
  }
  frame.addEventListener("load", function () {
    var doc = frame.contentDocument;
    if (doc) watchPhone(doc);
    // The first load is the one the stage was drawn with: the panel is already this fresh.
    if (loaded) refreshPanel();
    loaded = true;
  });

  // -- the panel's scroll position, kept across its own posts (each reloads the stage) --------
  var SCROLL = "stage-panel-scroll";
  if (panel) {
    var kept = window.sessionStorage.getItem(SCROLL);
    if (kept) panel.scrollTop = parseInt(kept, 10) || 0;
    window.sessionStorage.removeItem(SCROLL);
    panel.addEventListener("submit", function () {
      window.sessionStorage.setItem(SCROLL, String(panel.scrollTop));
    }, true);
  }

  // -- keyboard shortcuts ------------------------------------------------------------------------
  function byTestId(doc, id) {
    return id ? doc.querySelector('[data-testid="' + CSS.escape(id) + '"]') : null;
  }
  function press(id) {
    var button = byTestId(document, id);
    if (button && !button.disabled) button.click();
  }
  function nextStep() {
    // What the tour names as the next tap (templates/tours/_bar.html), as autoplay taps it.
    var doc = frame.contentDocument;
    var bar = doc && doc.querySelector("[data-tour-tap]");
    if (!bar) return;
    var field = byTestId(doc, bar.getAttribute("data-tour-fill"));
    if (field) field.value = bar.getAttribute("data-tour-fill-value") || "";
    var target = byTestId(doc, bar.getAttribute("data-tour-tap"));
    if (target && !target.disabled) target.click();
  }
  function onKey(event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    var done = true;
    if (key === "?") openShortcuts();
    else if (key === "ArrowRight" || key === "n" || key === "N") nextStep();
    else if (key === "ArrowLeft" || key === "b" || key === "B") frame.contentWindow.history.back();
    else if (key === "1") press("panel-clock-1");
    else if (key === "3") press("panel-clock-30");
    else if (key === "d" || key === "D") press("panel-clock-next-due");
    else if (key === "p" || key === "P") press(document.body.classList.contains("is-presenting")
                                              ? "present-exit" : "panel-present");
    else if (key === "R" && event.shiftKey) confirmReset();
    else if (key === "s" || key === "S") press("panel-autoplay-stop");
    else done = false;
    if (done) event.preventDefault();
  }
  document.addEventListener("keydown", onKey);

  // Shift+R asks first (templates/stage/_reset_confirm.html): 取消 is the default answer.
  var resetDialog = document.querySelector('[data-testid="stage-reset-confirm"]');
  function confirmReset() {
    if (!resetDialog || !resetDialog.showModal) return;
    if (!resetDialog.open) {
      resetDialog.returnValue = "";
      resetDialog.showModal();
    }
  }
  if (resetDialog) {
    resetDialog.addEventListener("close", function () {
      if (resetDialog.returnValue === "reset") press("panel-reset");
    });
  }

  function openShortcuts() {
    if (shortcuts && !shortcuts.open && shortcuts.showModal) shortcuts.showModal();
  }
  function showShortcutsButton() {
    var button = document.querySelector("[data-stage-shortcuts]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", openShortcuts);
  }
  showShortcutsButton();
})();
