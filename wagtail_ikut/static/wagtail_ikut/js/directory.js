// "Use my location" asks the browser itself; the position goes only into this form's field,
// and from there into the results' address, where the browser's history, links and the site's
// access log keep it. So it is rounded first, to 2 decimals as the server rounds any
// coordinates (search/geo.py, COARSE_DECIMALS): a cell of about 1 km by 0.5 km in Finland.
const NEAR_DECIMALS = 2;

document.querySelectorAll("[data-ikut-locate]").forEach((button) => {
  if (!("geolocation" in navigator)) {
    return;
  }
  const field = button.form.elements.near;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.geolocation.getCurrentPosition((position) => {
      const { latitude, longitude } = position.coords;
      field.value = `${latitude.toFixed(NEAR_DECIMALS)},${longitude.toFixed(NEAR_DECIMALS)}`;
      button.form.requestSubmit();
    });
  });
});

// Suggestions as you type, from the directory itself (same site, no cookies sent), offered
// through the browser's own list for the field, which screen readers announce.
document.querySelectorAll("[data-ikut-suggest]").forEach((field) => {
  const list = document.createElement("datalist");
  list.id = `${field.id}-suggestions`;
  field.after(list);
  field.setAttribute("list", list.id);
  let timer;
  field.addEventListener("input", () => {
    clearTimeout(timer);
    const text = field.value.trim();
    if (text.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      const url = `${field.dataset.ikutSuggest}?q=${encodeURIComponent(text)}`;
      const response = await fetch(url, { credentials: "omit" });
      if (!response.ok) {
        return;
      }
      const { suggestions } = await response.json();
      list.replaceChildren(
        ...suggestions.map((suggestion) => new Option(suggestion.title)),
      );
    }, 200);
  });
});
