// Keyboard shortcuts for the whole application. Loaded as a file: the pages run no inline script.
document.addEventListener("keydown", function (event) {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
    var search = document.getElementById("global-search");
    if (search) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  }
  // Escape closes the user menu and gives focus back to its name, as with any menu.
  if (event.key === "Escape") {
    var menu = document.querySelector("details.user-menu[open]");
    if (menu) {
      menu.open = false;
      var summary = menu.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    }
  }
});

// A click outside the open user menu closes it.
document.addEventListener("click", function (event) {
  var menu = document.querySelector("details.user-menu[open]");
  if (menu && !menu.contains(event.target)) {
    menu.open = false;
  }
});

// A list's select-all box ticks every row's box, and shows whether all or some are ticked.
document.addEventListener("change", function (event) {
  var all = document.getElementById("bulk-all");
  var target = event.target;
  if (!all || !target.form || target.form !== all.form) {
    return;
  }
  var rows = all.form.querySelectorAll("input[type=checkbox][name=ids]");
  if (target === all) {
    rows.forEach(function (box) {
      box.checked = all.checked;
    });
  } else if (target.name === "ids") {
    var ticked = Array.prototype.filter.call(rows, function (box) {
      return box.checked;
    }).length;
    all.checked = ticked === rows.length;
    all.indeterminate = ticked > 0 && ticked < rows.length;
  }
});
