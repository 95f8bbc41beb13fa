// Optional: the page works without it. Shows only the chosen emergency's months on the emergency form.
(function () {
  var radios = document.querySelectorAll('input[name="emergency"][type="radio"]');
  if (!radios.length) return;
  function show() {
    var chosen = document.querySelector('input[name="emergency"]:checked');
    document.querySelectorAll("fieldset.months").forEach(function (set) {
      set.hidden = chosen && set.dataset.emergency !== chosen.value;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", show); });
  show();
})();
