// Kopdes: tiny behaviours without Bootstrap's JS bundle. No inline scripts
// anywhere (a content security policy forbids them): every page behaviour is here
// or in an app's static file.
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-kopdes-toggle]");
  if (toggle) {
    var target = document.getElementById(toggle.getAttribute("data-kopdes-toggle"));
    if (!target) return;
    var open = target.classList.toggle("show");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    return;
  }
  // A message's close button removes the message.
  var dismiss = event.target.closest("[data-kopdes-dismiss]");
  if (dismiss) {
    var box = dismiss.closest(".alert");
    if (box) box.remove();
  }
});
// htmx sends Django's CSRF token with every non-GET request.
document.addEventListener("htmx:configRequest", function (event) {
  var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  if (match) event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
});

// Tab bars (.kopdes-tabs) scroll sideways on a phone: keep the active tab in
// view and mark the ends that have more tabs behind them (the CSS fades them).
(function () {
  function mark(bar) {
    var more = bar.scrollWidth - bar.clientWidth > 1;
    var start = more && bar.scrollLeft > 1;
    var end = more && bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 1;
    bar.classList.toggle("kopdes-more-start", start);
    bar.classList.toggle("kopdes-more-end", end);
    var wrap = bar.closest(".kopdes-tabs-wrap");
    if (wrap) wrap.classList.toggle("kopdes-more-end", end);
  }
  function showActive(bar) {
    var active = bar.querySelector(".active, [aria-current]");
    if (!active) return;
    var left = active.offsetLeft; // the bar is the offset parent (position: relative)
    var right = left + active.offsetWidth;
    if (left < bar.scrollLeft || right > bar.scrollLeft + bar.clientWidth) {
      bar.scrollLeft = Math.max(0, left - (bar.clientWidth - active.offsetWidth) / 2);
    }
  }
  function setUp() {
    document.querySelectorAll(".kopdes-tabs").forEach(function (bar) {
      showActive(bar);
      mark(bar);
      bar.addEventListener("scroll", function () { mark(bar); }, { passive: true });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  window.addEventListener("resize", function () {
    document.querySelectorAll(".kopdes-tabs").forEach(mark);
  });
})();

// The period picker ([data-period-picker]): show the month select for a month,
// the quarter select for a quarter, neither for a year. Without this script
// both stay visible and the server uses the one the kind needs.
(function () {
  function sync(picker) {
    var kind = picker.querySelector("select[name=jenis]");
    if (!kind) return;
    picker.querySelectorAll("[data-period-part]").forEach(function (part) {
      part.hidden = part.getAttribute("data-period-part") !== kind.value;
    });
  }
  function setUp() {
    document.querySelectorAll("[data-period-picker]").forEach(function (picker) {
      sync(picker);
      picker.addEventListener("change", function () { sync(picker); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
