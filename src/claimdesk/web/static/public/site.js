// claimdesk's public pages: a few enhancements, no library. Without this script every claim
// is a plain link to its own page and everything still works.
(function () {
  "use strict";

  // The article page: a claim opens its details in a dialog (focus moves in, Escape or the
  // close button closes it, and focus returns to the claim); the address gets #<claim id>,
  // so the link opens the article with that claim highlighted.
  var dialog = document.getElementById("claim-dialog");
  var opener = null;

  function activate(claim) {
    var active = document.querySelectorAll(".claim.is-active");
    for (var i = 0; i < active.length; i++) active[i].classList.remove("is-active");
    claim.classList.add("is-active");
  }

  function openClaim(claim) {
    var detail = document.getElementById("detail-" + claim.getAttribute("data-claim-id"));
    if (!dialog || !detail || typeof dialog.showModal !== "function") return false;
    var body = dialog.querySelector(".dialog-body");
    body.innerHTML = "";
    var copy = detail.cloneNode(true);
    copy.removeAttribute("id");
    copy.hidden = false;
    body.appendChild(copy);
    opener = claim;
    activate(claim);
    if (history.replaceState) history.replaceState(null, "", "#" + claim.id);
    dialog.showModal();
    return true;
  }

  if (dialog) {
    document.addEventListener("click", function (event) {
      var claim = event.target.closest ? event.target.closest("a.claim[data-claim-id]") : null;
      if (!claim || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (openClaim(claim)) event.preventDefault();
    });
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
    });
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.classList.contains("claim")) {
      activate(target);
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  }

  // "Copy" buttons: the short link of a claim.
  var buttons = document.querySelectorAll("button[data-copy]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var field = document.querySelector(button.getAttribute("data-copy"));
      if (!field) return;
      field.select();
      var done = function () { button.setAttribute("data-copied", "true"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {});
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      }
    });
  }
})();
