// Raccord: optional comforts on top of plain HTML forms (filtering as you type, shortcuts, upload progress).
(function () {
  "use strict";
  const filter = document.getElementById("filtre");
  const rows = Array.from(document.querySelectorAll("tr.item"));
  function applyFilter() {
    const needle = (filter.value || "").trim().toLowerCase();
    rows.forEach(function (row) {
      const text = row.getAttribute("data-recherche") || "";
      row.classList.toggle("cache", needle !== "" && text.indexOf(needle) === -1);
    });
  }
  if (filter) {
    filter.addEventListener("input", applyFilter);
  }
  let current = -1;
  function visibleRows() { return rows.filter(function (row) { return !row.classList.contains("cache"); }); }
  function select(index) {
    const list = visibleRows();
    if (list.length === 0) { return; }
    current = Math.max(0, Math.min(index, list.length - 1));
    rows.forEach(function (row) { row.classList.remove("actif"); });
    list[current].classList.add("actif");
    list[current].scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "/" && filter) { event.preventDefault(); filter.focus(); }
    else if (event.key === "j") { select(current + 1); }
    else if (event.key === "k") { select(current - 1); }
    else if (event.key === "a" && current >= 0) {
      const button = visibleRows()[current].querySelector("form.decision button[value=accept]");
      if (button) { button.click(); }
    }
  });
  // Keep the row in view after a decision (the server redirects to its anchor).
  if (location.hash) {
    const row = document.getElementById(location.hash.slice(1));
    if (row) { row.classList.add("actif"); current = visibleRows().indexOf(row); }
  }
  // Upload progress for big files.
  const form = document.getElementById("formulaire-import");
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const bar = document.getElementById("progression-envoi");
      const state = document.getElementById("etat-envoi");
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", function (progress) {
        if (progress.lengthComputable) {
          bar.hidden = false;
          bar.value = Math.round(progress.loaded * 100 / progress.total);
          state.textContent = "Envoi : " + bar.value + " %";
        }
      });
      request.upload.addEventListener("load", function () { state.textContent = "Fichiers reçus, import en cours…"; });
      request.addEventListener("load", function () {
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () { state.textContent = "L'envoi a échoué : vérifiez que raccord serve tourne toujours."; });
      request.send(new FormData(form));
    });
  }
})();
