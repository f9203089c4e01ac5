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

  // Rankings move smoothly when the order changes, and a team whose score changed flashes:
  // positions and scores are read before a swap and compared after it (FLIP animation).
  var before = null;
  function snapshot() {
    var map = {};
    var rows = document.querySelectorAll(".standings li[data-team-id]");
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      map[r.getAttribute("data-team-id")] = { top: r.getBoundingClientRect().top, score: r.getAttribute("data-score") };
    }
    return map;
  }
  document.addEventListener("htmx:before:swap", function () { if (!before) before = snapshot(); });
  document.addEventListener("htmx:after:swap", function () {
    if (!before || window.matchMedia("(prefers-reduced-motion: reduce)").matches) { before = null; return; }
    var old = before;
    before = null;
    var rows = document.querySelectorAll(".standings li[data-team-id]");
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var was = old[r.getAttribute("data-team-id")];
      if (!was) continue;
      var dy = was.top - r.getBoundingClientRect().top;
      if (dy) {
        r.style.transition = "none";
        r.style.transform = "translateY(" + dy + "px)";
        r.getBoundingClientRect();
        r.style.transition = "transform .5s ease";
        r.style.transform = "";
      }
      if (was.score != null && was.score !== r.getAttribute("data-score")) {
        r.classList.remove("bump");
        void r.offsetWidth;
        r.classList.add("bump");
      }
    }
  });
  document.addEventListener("htmx:after:swap", tick);
  document.addEventListener("DOMContentLoaded", tick);
})();

// The answer pad of question rounds (views/rounds/answer-pad.tsx): on-screen keys type into the
// answer box; the phone's keyboard stays down until "keyboard" is tapped.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var btn = e.target.closest ? e.target.closest(".answer-pad button[type=button]") : null;
    if (!btn) return;
    var input = btn.closest(".answer-pad").querySelector(".answer-input");
    if (!input || input.disabled) return;
    var action = btn.getAttribute("data-action");
    var start = input.selectionStart == null ? input.value.length : input.selectionStart;
    var end = input.selectionEnd == null ? start : input.selectionEnd;
    if (action === "keyboard") {
      input.setAttribute("inputmode", "text");
      input.focus();
      return;
    }
    if (action === "backspace") {
      if (start === end && start > 0) start -= 1;
      input.value = input.value.slice(0, start) + input.value.slice(end);
    } else {
      var text = btn.getAttribute("data-key") || "";
      if (input.value.length - (end - start) + text.length > input.maxLength) return;
      input.value = input.value.slice(0, start) + text + input.value.slice(end);
      start += text.length;
    }
    try { input.setSelectionRange(start, start); } catch (err) { /* not focused */ }
  });
  // A live update that morphs a question in place (a relay phone's turn, redrawn when another of
  // its questions is answered) keeps the keyboard the student asked for: the server draws every
  // answer box with the on-screen keys' inputmode. htmx asks extensions before it sets an attribute.
  if (window.htmx && htmx.registerExtension) {
    htmx.registerExtension("tmc-keep-keyboard", {
      htmx_before_morph_attr: function (elt, detail) {
        if (detail.attrName === "inputmode" && elt.classList && elt.classList.contains("answer-input") && elt.getAttribute("inputmode") === "text") return false;
      },
    });
  }
})();

// The teacher's member menu (views/games/lobby.tsx, MemberDialog): one dialog serves every
// member's ⋯ link. htmx reads hx-post when the form is sent, so pointing it at this member's
// move or kick URL here is enough. The teams come from the cards, as the page shows them now.
(function () {
  "use strict";
  /** The member a ⋯ link is for, and their team: where the focus goes back to (see refocus). */
  function memberOf(link) {
    var card = link.closest("[data-team-id]");
    return { id: link.closest("[data-p]").getAttribute("data-p"), team: card ? card.getAttribute("data-team-id") : "" };
  }
  function linkOf(id) {
    return document.querySelector('#lobby-teams [data-p="' + id + '"] [data-member-menu]');
  }
  var opener = null;
  document.addEventListener("click", function (e) {
    var btn = e.target.closest ? e.target.closest("[data-member-menu]") : null;
    var dialog = document.getElementById("member-dialog");
    if (!btn || !dialog || !dialog.showModal || !btn.closest("[data-p]")) return;
    // The link leads to the member's page (without this script); here the dialog opens instead.
    e.preventDefault();
    opener = memberOf(btn);
    var url = dialog.getAttribute("data-base") + opener.id + "/";
    dialog.querySelector("[data-member-name]").textContent = btn.closest("[data-p]").querySelector(".member-name").textContent;
    dialog.querySelectorAll("form[data-do]").forEach(function (form) {
      form.setAttribute("hx-post", url + form.getAttribute("data-do"));
      form.setAttribute("action", url + form.getAttribute("data-do"));
    });
    var select = dialog.querySelector("select[name=teamId]");
    select.textContent = "";
    document.querySelectorAll("#lobby-teams [data-team-id]").forEach(function (c) {
      var option = document.createElement("option");
      option.value = c.getAttribute("data-team-id");
      option.textContent = c.getAttribute("data-team-name");
      option.selected = option.value === opener.team;
      select.appendChild(option);
    });
    dialog.showModal();
    select.focus();
  });
  // Sent: the dialog closes, so the answer (in #flash) and the live list show.
  document.addEventListener("htmx:before:request", function (e) {
    var dialog = e.target.closest ? e.target.closest("#member-dialog") : null;
    if (dialog && dialog.open) dialog.close();
  });
  // Back to the member's ⋯ link, wherever the list puts it: a live update replaces the list, and
  // the link under the focus with it (the focus would fall to the page) — after a move, and while
  // students join (every second or so) under a keyboard user resting on a link. A removed
  // student's link is gone: the first one left in their team's card takes the focus.
  var refocus = null;
  function focusMember() {
    if (!refocus || Date.now() > refocus.until) return (refocus = null);
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return (refocus = null);
    var link = linkOf(refocus.id) || document.querySelector('#lobby-teams [data-team-id="' + refocus.team + '"] [data-member-menu]');
    if (link) {
      link.focus();
      refocus = null;
    }
  }
  function remember(member) {
    refocus = { id: member.id, team: member.team, until: Date.now() + 5000 };
  }
  document.addEventListener("close", function (e) {
    if (!e.target || e.target.id !== "member-dialog" || !opener) return;
    remember(opener);
    opener = null;
    var link = linkOf(refocus.id);
    if (link) link.focus();
  }, true);
  document.addEventListener("htmx:before:swap", function () {
    var active = document.activeElement;
    if (active && active.matches && active.matches("#lobby-teams [data-member-menu]")) remember(memberOf(active));
  });
  document.addEventListener("htmx:after:swap", focusMember);
})();
