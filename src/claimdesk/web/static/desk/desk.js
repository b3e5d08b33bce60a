// The desk's small helpers: keyboard moves in the queue, live discrepancy in the verify
// form, the next claim on n, and "add as a claim" from a selection. No library; everything works without it.
(function () {
  "use strict";

  // j/k move through the queue, Enter opens the selected claim (as in a mail client).
  function queueKeys() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-keyboard-list] > [data-href]"));
    if (!rows.length) return;
    var at = -1;
    function select(i) {
      if (at >= 0) rows[at].classList.remove("selected");
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows[at].classList.add("selected");
      rows[at].focus();
    }
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === "j") { select(at + 1); e.preventDefault(); }
      else if (e.key === "k") { select(at - 1); e.preventDefault(); }
      else if (e.key === "Enter" && at >= 0) { window.location.href = rows[at].getAttribute("data-href"); }
    });
  }

  // As the editor types the source's figure, the server says how it compares, and the verdict
  // menu follows the latest suggestion until the editor picks a verdict by hand; from then on
  // it is the editor's choice (picking "—" hands it back to the suggestion). While a figure
  // is being checked, a menu the editor did not set is emptied: a verdict made for "49" never
  // stays beside the suggestion for "490億". Answers are matched to what is in the boxes now
  // (the server echoes what it assessed), so a slow answer for an earlier keystroke is dropped.
  function liveAssessment() {
    var form = document.querySelector("form[data-assess]");
    if (!form) return;
    var value = form.querySelector("[name=source_value]");
    var unit = form.querySelector("[name=source_unit]");
    var out = form.querySelector(".desk-assessment");
    var verdict = form.querySelector("[name=verdict]");
    var by = form.querySelector("[name=verdict_by]");
    var origin = form.querySelector(".desk-verdict-origin");
    var timer = null, asked = 0, pending = null;
    function byHand() { return by && by.value === "hand"; }
    function follow(suggested) {
      if (byHand()) return;
      verdict.value = suggested || "";
      origin.textContent = suggested
        ? "依建議判定自動帶入，可自行更改。 Filled in from the suggestion; change it if you disagree."
        : "";
      form.setAttribute("data-verdict-follows", suggested || "");
    }
    function show(a) {
      out.className = "desk-assessment";
      out.removeAttribute("data-checking");
      if (a.error) {
        out.textContent = a.error;
        out.classList.add("off");
        out.setAttribute("data-suggested", "");
      } else if (!a.source_value) {
        out.textContent = "";
        out.removeAttribute("data-suggested");
      } else {
        out.classList.add(a.holds ? "holds" : "off");
        out.textContent = "建議判定 Suggested verdict: " + (a.suggested_label || "無 none") +
          " — " + a.reason_zh_hant + " / " + a.reason;
        out.setAttribute("data-suggested", a.suggested_verdict || "");
      }
      out.setAttribute("data-for", a.source_value);  // which figure this answer is about
      follow(a.suggested_verdict);
    }
    function ask() {
      var mine = ++asked;
      if (pending) pending.abort();
      pending = window.AbortController ? new AbortController() : null;
      var wanted = { source_value: value.value.trim(), source_unit: unit.value.trim() };
      var url = form.getAttribute("data-assess") + "?" + new URLSearchParams(wanted);
      fetch(url, { credentials: "same-origin", signal: pending && pending.signal })
        .then(function (r) { return r.json(); })
        .then(function (a) {
          var current = value.value.trim() === a.source_value && unit.value.trim() === a.source_unit;
          if (mine !== asked || !current) return;  // an answer to an earlier keystroke
          show(a);
        })
        .catch(function () { /* aborted by a newer keystroke, or offline: no suggestion */ });
    }
    function later() {
      clearTimeout(timer);
      out.setAttribute("data-checking", "");
      out.removeAttribute("data-suggested");
      follow(null);  // never a suggestion for a figure that is no longer in the box
      timer = setTimeout(ask, 250);
    }
    verdict.addEventListener("change", function () {
      // Only the editor's own pick fires "change"; "—" hands the menu back to the suggestion.
      by.value = verdict.value ? "hand" : "";
      origin.textContent = verdict.value ? "你選的判定 Your choice." : "";
      form.removeAttribute("data-verdict-follows");
      if (!verdict.value && value.value.trim()) ask();
    });
    value.addEventListener("input", later);
    unit.addEventListener("input", later);
    if (value.value.trim()) ask();
    else if (byHand()) origin.textContent = "你選的判定 Your choice.";
  }

  // n: the next claim of the queue, from a claim's page (not while typing).
  function nextClaimKey() {
    var next = document.querySelector("[data-next-claim]");
    if (!next) return;
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === "n") { e.preventDefault(); window.location.href = next.getAttribute("href"); }
    });
  }

  // Select text that no claim covers: offer to add it, with start and end in code points
  // (Python's str offsets), whatever UTF-16 does with characters outside the BMP.
  function addFromSelection() {
    var text = document.querySelector("[data-article-text]");
    var form = document.querySelector(".desk-add-claim");
    if (!text || !form) return;
    function offset(node, within) {
      var holder = node.nodeType === 3 ? node.parentNode : node;
      if (!holder || !holder.hasAttribute || !holder.hasAttribute("data-start")) return null;
      var before = (holder.textContent || "").slice(0, within);
      return Number(holder.getAttribute("data-start")) + Array.from(before).length;
    }
    document.addEventListener("selectionchange", function () {
      var sel = document.getSelection();
      if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode)) return;
      var a = offset(sel.anchorNode, sel.anchorOffset), b = offset(sel.focusNode, sel.focusOffset);
      if (a === null || b === null) return;
      var start = Math.min(a, b), end = Math.max(a, b);
      if (end <= start) return;
      form.querySelector("[name=start]").value = start;
      form.querySelector("[name=end]").value = end;
      form.querySelector(".desk-selection").textContent = sel.toString();
      form.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    queueKeys();
    liveAssessment();
    nextClaimKey();
    addFromSelection();
  });
})();
