// The desk's small helpers: keyboard moves in the queue, live discrepancy in the verify
// form, and "add as a claim" from a selection. No library; everything works without it.
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

  // As the editor types the source's figure, the server says how it compares.
  function liveAssessment() {
    var form = document.querySelector("form[data-assess]");
    if (!form) return;
    var value = form.querySelector("[name=source_value]");
    var unit = form.querySelector("[name=source_unit]");
    var out = form.querySelector(".desk-assessment");
    var verdict = form.querySelector("[name=verdict]");
    var timer = null;
    function ask() {
      var url = form.getAttribute("data-assess") + "?" + new URLSearchParams({
        source_value: value.value, source_unit: unit.value
      });
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (a) {
        out.className = "desk-assessment";
        if (a.error) { out.textContent = a.error; out.classList.add("off"); return; }
        if (a.error === null) { out.textContent = ""; return; }
        out.classList.add(a.holds ? "holds" : "off");
        out.textContent = "建議判定 Suggested verdict: " + (a.suggested_verdict || "none") + " — " + a.reason_zh_hant + " / " + a.reason;
        out.setAttribute("data-suggested", a.suggested_verdict || "");
        if (a.suggested_verdict && verdict && !verdict.value) verdict.value = a.suggested_verdict;
      });
    }
    function later() { clearTimeout(timer); timer = setTimeout(ask, 250); }
    value.addEventListener("input", later);
    unit.addEventListener("input", later);
    if (value.value) ask();
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
    addFromSelection();
  });
})();
