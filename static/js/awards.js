// Dossier pages. No inline script: the Content-Security-Policy allows only files from this site.
(function () {
  // The nominee form shows a person's or a collective's sections by the kind chosen (all of them without JS).
  document.querySelectorAll("form[data-kind-switch]").forEach((form) => {
    const update = () => {
      const checked = form.querySelector("input[name=kind]:checked");
      const kind = checked ? checked.value : "";
      form.querySelectorAll("[data-kind]").forEach((section) => {
        section.hidden = Boolean(kind) && section.dataset.kind !== kind;
      });
    };
    form.addEventListener("change", (event) => {
      if (event.target.name === "kind") update();
    });
    update();
  });
  // Removing a nominee asks first.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
