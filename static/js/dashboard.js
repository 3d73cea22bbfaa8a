// A class's dashboard (templates/classes/dashboard.html): progressive only. Without it the
// page reloads itself (a meta refresh inside <noscript>); with it, every few seconds it
// fetches the class's live parts (GET /classes/<code>/live, for the view shown: its trainees
// or each step's count) and changes only the lines, rows and cells that changed, so the page
// keeps its scroll position, the table its own, and what the trainer selected stays
// selected.
"use strict";

(function () {
  var live = document.querySelector("[data-live-src]");
  if (!live || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(live.getAttribute("data-live-seconds"), 10) || 0;
  if (seconds <= 0) return;

  function byPart(root, name) {
    return root.querySelector('[data-live-part="' + name + '"]');
  }

  function adopt(node) {
    return document.importNode(node, true);
  }

  // The status line: its words change (the count, the time it was read), not its element.
  function patchText(current, fresh) {
    if (current && fresh && current.innerHTML !== fresh.innerHTML) {
      current.innerHTML = fresh.innerHTML;
      current.className = fresh.className;
    }
  }

  function rows(table) {
    var found = {};
    table.querySelectorAll("tr[data-live-row]").forEach(function (row) {
      found[row.getAttribute("data-live-row")] = row;
    });
    return found;
  }

  function shape(table) {
    // What a patch cannot follow: an empty class becoming one, the footer appearing, the
    // funnel's steps shown for an exercise first started (data-live-shape).
    return [!!table.querySelector('tr[data-live-row="-"]'), !!table.tFoot,
            table.tHead ? table.tHead.rows[0].cells.length : 0,
            table.getAttribute("data-live-shape")].join();
  }

  function patchRow(current, fresh) {
    if (current.cells.length !== fresh.cells.length) {
      current.replaceWith(adopt(fresh));
      return;
    }
    if (current.className !== fresh.className) current.className = fresh.className;  // stuck
    for (var index = 0; index < fresh.cells.length; index += 1) {
      if (current.cells[index].outerHTML !== fresh.cells[index].outerHTML) {
        current.cells[index].replaceWith(adopt(fresh.cells[index]));
      }
    }
  }

  function patchGrid(current, fresh) {
    var table = current && current.querySelector("table");
    var next = fresh && fresh.querySelector("table");
    if (!table || !next) return;
    if (shape(table) !== shape(next)) {
      table.replaceWith(adopt(next));  // the region, and its scroll, stay
      return;
    }
    var have = rows(table);
    var body = table.tBodies[0];
    Object.keys(rows(next)).forEach(function (key) {
      var row = next.querySelector('tr[data-live-row="' + CSS.escape(key) + '"]');
      if (have[key]) patchRow(have[key], row);
      else body.appendChild(adopt(row));  // joined since: last, as the roster is
    });
  }

  var timer = null;
  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, seconds * 1000);
  }

  function refresh() {
    if (document.hidden) {
      schedule();
      return;
    }
    window.fetch(live.getAttribute("data-live-src"), {credentials: "same-origin",
                                                      headers: {"Accept": "text/html"}})
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        var fresh = new window.DOMParser().parseFromString(html, "text/html");
        var open = fresh.querySelector("[data-live-open]");
        if (open && open.getAttribute("data-live-open") !== "1") {
          // Ended (here or on another device): the page as an ended class shows it.
          window.location.reload();
          return;
        }
        patchText(byPart(document, "status"), byPart(fresh, "status"));
        patchText(byPart(document, "stuck"), byPart(fresh, "stuck"));
        patchGrid(byPart(document, "grid"), byPart(fresh, "grid"));
        patchGrid(byPart(document, "funnel"), byPart(fresh, "funnel"));
      })
      .catch(function () { /* the network: the next turn tries again */ })
      .then(schedule);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh();
  });
  schedule();
})();
