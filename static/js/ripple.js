// A tap shown to an audience: tapRipple(doc, x, y) draws a ring that grows from the point
// (x, y) of doc's viewport (CSS pixels, as MouseEvent.clientX/Y) and fades; the ring's look
// is static/css/ripple.css, which the document must load. Returns the ring's element, which
// removes itself when its animation ends (a caller may pause it first: the guides' video
// steps through it frame by frame). Used by the trainer's stage and scripts/guides.py.
"use strict";

(function (global) {
  function tapRipple(doc, x, y) {
    var ring = doc.createElement("div");
    ring.className = "tap-ripple";
    ring.setAttribute("aria-hidden", "true");
    ring.setAttribute("data-testid", "tap-ripple");
    ring.style.setProperty("--tap-x", x + "px");
    ring.style.setProperty("--tap-y", y + "px");
    ring.addEventListener("animationend", function () { ring.remove(); });
    doc.body.appendChild(ring);
    return ring;
  }
  global.tapRipple = tapRipple;
})(window);
