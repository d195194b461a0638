// Only an improvement: without it the citation is still selectable text.
document.querySelectorAll("[data-copiar]").forEach(function (bloque) {
  var texto = bloque.querySelector("p");
  if (!texto || !navigator.clipboard) return;
  var boton = document.createElement("button");
  boton.type = "button";
  boton.textContent = "Copiar cita";
  boton.addEventListener("click", function () {
    navigator.clipboard.writeText(texto.textContent.trim()).then(function () {
      boton.textContent = "Cita copiada";
    });
  });
  bloque.appendChild(boton);
});
