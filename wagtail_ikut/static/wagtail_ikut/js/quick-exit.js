// Leave with location.replace so that the Back button does not return to this site.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-ikut-quick-exit]");
  if (link) {
    event.preventDefault();
    window.location.replace(link.href);
  }
});
