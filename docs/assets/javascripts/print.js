// The Print button of the forum and cluster pages (overrides/main.html): hidden in the
// HTML, shown only where this script runs, and it opens the browser's print dialog.
document.querySelectorAll(".kf-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
