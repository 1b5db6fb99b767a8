// The quick exit, as GOV.UK's "Exit this page": a click on the control, or Shift pressed three
// times within 5 seconds anywhere on the page, hides the page at once and leaves with
// location.replace, so that the Back button does not return to this site. Without JavaScript
// the control is a plain link. The texts come translated from the page (base.html).
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

const control = document.querySelector("[data-ikut-quick-exit]");
const status = document.querySelector("[data-ikut-quick-exit-status]");

function leave(address) {
  if (status) {
    status.textContent = status.dataset.leaving;
  }
  document.documentElement.classList.add("ikut-leaving");
  window.location.replace(address);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-ikut-quick-exit]");
  if (link) {
    event.preventDefault();
    leave(link.href);
  }
});

if (control) {
  control.querySelector("[data-ikut-quick-exit-hint]")?.removeAttribute("hidden");

  // Counted on keyup as GOV.UK does: a Shift that was held for another key (Shift+A) does not
  // count, and any other key starts the count again.
  let presses = 0;
  let timer;
  let lastKeyWasShifted = false;
  document.addEventListener("keyup", (event) => {
    if (event.key === "Shift" && !lastKeyWasShifted) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= SHIFT_PRESSES) {
        presses = 0;
        leave(control.href);
      } else {
        timer = setTimeout(() => {
          presses = 0;
        }, SHIFT_WINDOW_MS);
      }
    } else {
      presses = 0;
      clearTimeout(timer);
    }
    lastKeyWasShifted = event.shiftKey;
  });
}

// Should the browser ever bring the page back from its cache, show it again.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) {
    document.documentElement.classList.remove("ikut-leaving");
    if (status) {
      status.textContent = "";
    }
  }
});
