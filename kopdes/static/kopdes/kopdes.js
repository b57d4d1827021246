// Kopdes: tiny behaviours without Bootstrap's JS bundle.
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-kopdes-toggle]");
  if (!toggle) return;
  var target = document.getElementById(toggle.getAttribute("data-kopdes-toggle"));
  if (!target) return;
  var open = target.classList.toggle("show");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
// htmx sends Django's CSRF token with every non-GET request.
document.addEventListener("htmx:configRequest", function (event) {
  var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  if (match) event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
});
