// Year Game keypad: buttons type into the expression box; digits grey out once used.
// The server still judges everything; this only makes typing on a phone quick.
(function () {
  "use strict";
  // The round's panel brings this script, and a panel may arrive more than once (a live swap):
  // listeners are added once per page.
  if (window.tmcYearGameKeypad) return;
  window.tmcYearGameKeypad = true;

  function keypadOf(el) { return el && el.closest ? el.closest(".yg-keypad") : null; }

  function refresh(form) {
    var input = form.querySelector("#yg-expression");
    if (!input) return;
    var used = {};
    var text = input.value;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c >= "0" && c <= "9") used[c] = (used[c] || 0) + 1;
    }
    var seen = {};
    var buttons = form.querySelectorAll("button.digit");
    for (var j = 0; j < buttons.length; j++) {
      var d = buttons[j].getAttribute("data-digit");
      seen[d] = (seen[d] || 0) + 1;
      // the k-th button showing digit d is used once d appears k times
      var isUsed = (used[d] || 0) >= seen[d];
      buttons[j].disabled = isUsed;
      buttons[j].classList.toggle("used", isUsed);
    }
  }

  function type(input, text) {
    var start = input.selectionStart == null ? input.value.length : input.selectionStart;
    var end = input.selectionEnd == null ? start : input.selectionEnd;
    if (input.maxLength > 0 && input.value.length - (end - start) + text.length > input.maxLength) return;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    var pos = start + text.length;
    input.setSelectionRange(pos, pos);
  }

  // The input listener below refreshes the keypad (typed and tapped input alike).
  function changed(input) {
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (e) {
    var btn = e.target.closest ? e.target.closest(".yg-keypad button[type=button]") : null;
    if (!btn) return;
    var form = keypadOf(btn);
    var input = form.querySelector("#yg-expression");
    var action = btn.getAttribute("data-action");
    if (action === "clear") {
      input.value = "";
    } else if (action === "backspace") {
      var s = input.selectionStart == null ? input.value.length : input.selectionStart;
      var en = input.selectionEnd == null ? s : input.selectionEnd;
      if (s === en && s > 0) s -= 1;
      input.value = input.value.slice(0, s) + input.value.slice(en);
      input.setSelectionRange(s, s);
    } else {
      type(input, btn.getAttribute("data-key"));
    }
    changed(input);
  });

  document.addEventListener("input", function (e) {
    if (e.target && e.target.id === "yg-expression") refresh(keypadOf(e.target));
  });

  // A correct answer clears the box for the next number.
  document.addEventListener("htmx:after:swap", function (e) {
    var fb = document.getElementById("yg-feedback");
    if (!fb || !fb.querySelector(".yg-correct")) return;
    var input = document.getElementById("yg-expression");
    if (input && input.value && fb.getAttribute("data-cleared-for") !== fb.textContent) {
      fb.setAttribute("data-cleared-for", fb.textContent);
      input.value = "";
      var preview = document.getElementById("yg-preview");
      if (preview) preview.textContent = "";
      refresh(keypadOf(input));
    }
  });

  function refreshAll() {
    var forms = document.querySelectorAll(".yg-keypad");
    for (var i = 0; i < forms.length; i++) refresh(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refreshAll);
  else refreshAll();
  document.addEventListener("htmx:after:swap", refreshAll);
})();
