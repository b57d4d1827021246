// Kopdes books: the journal form's running difference, the cash book's counter-accounts
// by direction, and one submit per money form.
(function () {
  function sen(text) {
    // Rupiah as typed in Indonesia: "1.234.567,89" or "1234567.89" -> sen (approximate is fine: display only).
    var s = (text || "").replace(/[^0-9.,]/g, "");
    if (!s) return 0;
    if (s.indexOf(",") >= 0) { s = s.replace(/\./g, "").replace(",", "."); }
    else if ((s.match(/\./g) || []).length > 1 || /\.\d{3}$/.test(s)) { s = s.replace(/\./g, ""); }
    var value = Math.round(parseFloat(s) * 100);
    return isNaN(value) ? 0 : value;
  }
  function rupiah(value) {
    var negative = value < 0; value = Math.abs(value);
    var whole = Math.floor(value / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var cents = ("0" + (value % 100)).slice(-2);
    return (negative ? "-" : "") + "Rp" + whole + "," + cents;
  }
  function update(form) {
    var debit = 0, credit = 0;
    form.querySelectorAll("[data-journal=debit]").forEach(function (el) { debit += sen(el.value); });
    form.querySelectorAll("[data-journal=credit]").forEach(function (el) { credit += sen(el.value); });
    var diff = debit - credit;
    form.querySelector("[data-total=debit]").textContent = rupiah(debit);
    form.querySelector("[data-total=credit]").textContent = rupiah(credit);
    var out = form.querySelector("[data-total=diff]");
    out.textContent = rupiah(Math.abs(diff));
    out.className = diff === 0 && debit > 0 ? "text-success fw-bold" : "text-danger fw-bold";
    var save = form.querySelector("button[type=submit]");
    save.disabled = !(diff === 0 && debit > 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-journal-form]").forEach(function (form) {
      form.addEventListener("input", function () { update(form); });
      update(form);
    });
    // The cash book: the counter-accounts follow the direction (income for kas
    // masuk, costs for kas keluar); the lists come with the page in <template>s.
    document.querySelectorAll("form[data-cash-form]").forEach(function (form) {
      var select = form.querySelector("select[name=counter_account]");
      if (!select) return;
      form.querySelectorAll("[data-direction]").forEach(function (radio) {
        radio.addEventListener("change", function () {
          var source = form.querySelector('template[data-counter-choices="' + radio.value + '"]');
          var options = source && source.content.querySelector("select");
          if (!options) return;
          var chosen = select.value;
          select.innerHTML = options.innerHTML;
          select.value = chosen;
          if (select.value !== chosen) select.value = "";
        });
      });
    });
    // A money form submits once: a double tap sends nothing more (the server's
    // idempotency token guards the rest, e.g. a resubmission after a dropped line).
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent) { event.preventDefault(); return; }
        form.dataset.sent = "1";
        var progress = form.querySelector("[data-progress]");
        if (progress) progress.classList.remove("d-none");
      });
    });
  });
})();
