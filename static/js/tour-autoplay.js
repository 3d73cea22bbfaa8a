// A guided tour playing by itself (kiosks, demos): loaded only while autoplay is on.
// The page names what to tap next (templates/tours/_bar.html and tours/done.html):
//   data-tour-autoplay="<ms>"  how long to wait,
//   data-tour-tap="<test id>"   the element to tap,
//   data-tour-fill="<test id>" data-tour-fill-value="..."  a field to type into first.
// The element flashes, then is clicked: the server moves the tour on as for a trainee's tap.
// At the end the result page's 再练一次 starts it again (a kiosk loops); 停止自动播放, in the
// tour's bar on the phone or in the panel, stops it; so does a page with nothing to tap.
"use strict";

(function () {
  var player = document.querySelector("[data-tour-autoplay]");
  if (!player) return;
  var delay = parseInt(player.getAttribute("data-tour-autoplay"), 10) || 3000;
  var FLASH_MS = 700;

  function byTestId(id) {
    return id && document.querySelector('[data-testid="' + CSS.escape(id) + '"]');
  }

  // Nothing to tap on this page: stop, and let the server say where it stopped (a kiosk
  // must not wait for ever on a page it cannot move on from).
  function stuck() {
    var stop = document.querySelector("form[data-tour-stop]");
    if (!stop) return;
    stop.elements.stuck.value = "1";
    if (stop.requestSubmit) stop.requestSubmit(); else stop.submit();
  }

  window.setTimeout(function () {
    var target = byTestId(player.getAttribute("data-tour-tap"));
    if (!target || target.disabled) { stuck(); return; }
    var field = byTestId(player.getAttribute("data-tour-fill"));
    if (field) field.value = player.getAttribute("data-tour-fill-value") || "";
    target.classList.add("is-autoplay-tap");
    if (target.scrollIntoView) target.scrollIntoView({block: "center"});
    window.setTimeout(function () { target.click(); }, Math.min(FLASH_MS, delay));
  }, delay);
})();
