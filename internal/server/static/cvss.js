// The live CVSS calculator of the triage form: it asks the server, which
// scores with the same code triage records, so the page never disagrees
// with what is stored. Without JavaScript the form still works; the score
// shows after saving.
(function () {
  "use strict";
  var input = document.getElementById("cvss");
  var out = document.getElementById("cvss-out");
  var picker = document.getElementById("cvss-picker");
  if (!input || !out) { return; }
  var timer = null;
  function score() {
    var v = input.value.trim();
    if (v === "") { out.textContent = ""; return; }
    fetch("/api/v1/cvss?vector=" + encodeURIComponent(v), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        out.textContent = res.ok
          ? "Score " + res.body.score + " (" + res.body.severity + "), CVSS " + res.body.version
          : "Not a valid vector: " + res.body.error;
      })
      .catch(function () { out.textContent = "The score could not be computed."; });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(score, 200); });
  if (picker) {
    var selects = picker.querySelectorAll("select[data-metric]");
    picker.hidden = false;
    var fill = function () {
      var parts = ["CVSS:3.1"];
      for (var i = 0; i < selects.length; i++) {
        if (selects[i].value === "") { return; }
        parts.push(selects[i].getAttribute("data-metric") + ":" + selects[i].value);
      }
      input.value = parts.join("/");
      score();
    };
    for (var i = 0; i < selects.length; i++) { selects[i].addEventListener("change", fill); }
  }
})();
