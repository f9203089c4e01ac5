// Small behaviours on top of htmx: connection state, countdowns, reload/ended events.
(function () {
  "use strict";
  var body = document.body;

  // Show "reconnecting…" while a live stream is down; htmx's SSE extension reconnects by itself.
  document.addEventListener("htmx:sse:after:connection", function () { body.classList.remove("sse-down"); });
  document.addEventListener("htmx:sse:error", function () { body.classList.add("sse-down"); });
  document.addEventListener("htmx:sse:before:connection", function (e) {
    var c = e.detail && e.detail.connection;
    if (c && c.attempt > 0) body.classList.add("sse-down");
  });
  // The server asks for a reload when the viewer's team changed, and ends the stream when removed.
  document.addEventListener("tmc:reload", function () { location.reload(); });
  document.addEventListener("tmc:ended", function () { location.href = "/?removed=1"; });

  // Countdowns: the server gives the remaining milliseconds at render time; we only measure
  // elapsed time with the monotonic clock, never the device's wall clock.
  function tick() {
    var now = performance.now();
    var els = document.querySelectorAll("[data-remaining-ms]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.__seenAt || el.__seenFor !== el.getAttribute("data-remaining-ms")) {
        el.__seenAt = now;
        el.__seenFor = el.getAttribute("data-remaining-ms");
      }
      var left = Number(el.__seenFor);
      if (el.getAttribute("data-running") === "true") left -= now - el.__seenAt;
      left = Math.max(0, left);
      var s = Math.ceil(left / 1000);
      var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle("urgent", left > 0 && left <= 30000);
    }
  }
  setInterval(tick, 250);
  document.addEventListener("htmx:after:swap", tick);
  document.addEventListener("DOMContentLoaded", tick);
})();
