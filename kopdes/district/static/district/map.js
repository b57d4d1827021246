// The printable map page: the "Cetak" button prints (no inline script, so a
// content security policy without 'unsafe-inline' allows it).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-kopdes-print]")) {
    window.print();
  }
});
