// yujing console: live checks of the editors, a progressive enhancement.
// A form with data-live="PATH" data-target="ID" sends its fields (GET
// PATH?…) a moment after the operator stops typing in a data-live-field,
// and puts the answer, an HTML fragment the console rendered and escaped,
// into the element ID. Without JavaScript the form's own Check / Preview
// button does the same with a page load. No eval, no inline script.
(function () {
  "use strict";
  // mark flags the fields the answer names (data-column) as invalid.
  function mark(form, target) {
    var bad = {};
    Array.prototype.forEach.call(target.querySelectorAll("[data-column]"), function (el) {
      bad[el.getAttribute("data-column")] = true;
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-live-field]"), function (el) {
      if (bad[el.name]) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
    });
  }
  var forms = document.querySelectorAll("form[data-live]");
  Array.prototype.forEach.call(forms, function (form) {
    var target = document.getElementById(form.getAttribute("data-target"));
    var path = form.getAttribute("data-live");
    if (!target || !path || !window.fetch) { return; }
    var timer = null, seq = 0;
    function ask() {
      var params = new URLSearchParams(new FormData(form));
      var mine = ++seq;
      fetch(path + "?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
        .then(function (html) {
          if (mine !== seq) { return; } // a later answer is on its way
          target.innerHTML = html;
          mark(form, target);
          form.setAttribute("data-live-state", "done");
        })
        .catch(function () { form.setAttribute("data-live-state", "failed"); });
    }
    function later() {
      form.setAttribute("data-live-state", "typing");
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 300);
    }
    Array.prototype.forEach.call(form.querySelectorAll("[data-live-field]"), function (el) {
      el.addEventListener("input", later);
      el.addEventListener("change", later);
    });
  });
})();
