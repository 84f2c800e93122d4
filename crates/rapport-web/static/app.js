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

// The deals' board: a card dropped on another stage's column sends the card's own
// "Move to" form with that stage, so dragging and the keyboard take the same path.
document.addEventListener("dragstart", function (event) {
  var card = event.target.closest && event.target.closest(".board-card");
  if (card && event.dataTransfer) {
    event.dataTransfer.setData("text/plain", card.id);
    event.dataTransfer.effectAllowed = "move";
  }
});
document.addEventListener("dragover", function (event) {
  var column = event.target.closest && event.target.closest(".board-column");
  if (column) {
    event.preventDefault();
    column.classList.add("drop-target");
  }
});
document.addEventListener("dragleave", function (event) {
  var column = event.target.closest && event.target.closest(".board-column");
  if (column && !column.contains(event.relatedTarget)) {
    column.classList.remove("drop-target");
  }
});
document.addEventListener("drop", function (event) {
  var column = event.target.closest && event.target.closest(".board-column");
  if (!column || !event.dataTransfer) {
    return;
  }
  event.preventDefault();
  column.classList.remove("drop-target");
  var card = document.getElementById(event.dataTransfer.getData("text/plain"));
  if (!card || column.contains(card)) {
    return;
  }
  var form = card.querySelector("form.board-move");
  var select = form && form.querySelector("select[name=stage]");
  if (!select) {
    return;
  }
  select.value = column.getAttribute("data-stage");
  if (select.value === column.getAttribute("data-stage")) {
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }
});

// A print page's print button opens the browser's print dialog.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
