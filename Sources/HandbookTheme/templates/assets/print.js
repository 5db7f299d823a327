// Training records: the print date is the day the page is printed (filled in when it opens and
// again just before printing), and the print button prints. Without scripts the date stays a
// blank line to write on and the button stays hidden.
(function () {
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function fill() {
    var dates = document.querySelectorAll("[data-print-date]");
    for (var i = 0; i < dates.length; i++) dates[i].textContent = today();
  }
  fill();
  window.addEventListener("beforeprint", fill);
  var buttons = document.querySelectorAll("button[data-print]");
  for (var j = 0; j < buttons.length; j++) {
    buttons[j].hidden = false;
    buttons[j].addEventListener("click", function () { window.print(); });
  }
})();
