// "Use my location" asks the browser itself; the position goes only into this form's field.
document.querySelectorAll("[data-ikut-locate]").forEach((button) => {
  if (!("geolocation" in navigator)) {
    return;
  }
  const field = button.form.elements.near;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.geolocation.getCurrentPosition((position) => {
      const { latitude, longitude } = position.coords;
      field.value = `${latitude.toFixed(4)},${longitude.toFixed(4)}`;
      button.form.requestSubmit();
    });
  });
});
