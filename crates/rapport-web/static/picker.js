// Pickers for linked records: a combobox (ARIA 1.2) over the listbox htmx fetches as you
// type. Arrow keys move through the suggestions, Enter chooses one, Escape closes the list.
// Without this file the text box is sent as typed and the server finds the record.
(function () {
  function parts(input) {
    var box = input.closest(".picker");
    return {
      box: box,
      list: document.getElementById(input.getAttribute("aria-controls")),
      hidden: box && box.querySelector("input[data-picker-id]"),
      multi: box && box.getAttribute("data-picker-multi")
    };
  }

  function options(list) {
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option][data-value]")) : [];
  }

  function setActive(input, option) {
    var list = parts(input).list;
    options(list).forEach(function (o) {
      o.setAttribute("aria-selected", o === option ? "true" : "false");
    });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close(input) {
    var list = parts(input).list;
    if (list) {
      list.hidden = true;
    }
    input.setAttribute("aria-expanded", "false");
    setActive(input, null);
  }

  function open(input) {
    var list = parts(input).list;
    if (!list || !list.querySelector("[role=option]")) {
      close(input);
      return;
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // A chosen record: its name in the box and its id in the hidden field, or, for a picker
  // that adds to a list, one more ticked box in that list.
  function choose(input, option) {
    var p = parts(input);
    var id = option.getAttribute("data-value");
    var name = option.getAttribute("data-label");
    if (p.multi) {
      var chosen = document.getElementById(input.id + "-chosen");
      var present = chosen && Array.prototype.some.call(
        chosen.querySelectorAll("input[type=checkbox]"),
        function (box) {
          if (box.value === id) {
            box.checked = true;
            return true;
          }
          return false;
        }
      );
      if (chosen && !present) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = p.multi;
        box.value = id;
        box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + name));
        item.appendChild(label);
        chosen.appendChild(item);
      }
      input.value = "";
      if (p.hidden) {
        p.hidden.value = "";
      }
    } else {
      input.value = name;
      if (p.hidden) {
        p.hidden.value = id;
      }
    }
    close(input);
    input.focus();
  }

  function isPicker(el) {
    return el && el.hasAttribute && el.hasAttribute("data-picker");
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!isPicker(input)) {
      return;
    }
    var list = parts(input).list;
    var all = options(list);
    var expanded = input.getAttribute("aria-expanded") === "true";
    var current = document.getElementById(input.getAttribute("aria-activedescendant") || "");
    var at = all.indexOf(current);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) {
        return;
      }
      event.preventDefault();
      if (!expanded) {
        open(input);
      }
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next >= all.length) {
        next = 0;
      }
      if (next < 0) {
        next = all.length - 1;
      }
      setActive(input, all[next]);
    } else if (event.key === "Enter" && expanded && current && at >= 0) {
      // Enter chooses the suggestion rather than sending the form.
      event.preventDefault();
      choose(input, current);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      event.stopPropagation();
      close(input);
    }
  });

  // Typing makes the box say something else than the record chosen before.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (isPicker(input)) {
      var hidden = parts(input).hidden;
      if (hidden) {
        hidden.value = "";
      }
    }
  });

  // The pointer chooses on press, before the box loses its focus.
  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest && event.target.closest(".picker-list [role=option][data-value]");
    if (!option) {
      return;
    }
    var input = document.querySelector("[aria-controls='" + option.parentElement.id + "']");
    if (isPicker(input)) {
      event.preventDefault();
      choose(input, option);
    }
  });

  document.addEventListener("focusout", function (event) {
    if (isPicker(event.target)) {
      close(event.target);
    }
  });

  // A new list of suggestions opens under its box, with none of them active yet.
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.target;
    if (!list || !list.classList || !list.classList.contains("picker-list")) {
      return;
    }
    var input = document.querySelector("[aria-controls='" + list.id + "']");
    if (isPicker(input) && document.activeElement === input) {
      setActive(input, null);
      open(input);
    }
  });
})();
