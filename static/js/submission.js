// Shows the rate as the user types numerator and denominator, with a Vietnamese decimal comma.
(function () {
  function parse(text) {
    let t = (text || "").replace(/[\s\u00a0%]/g, "");
    if (!t) return null;
    if (t.includes(",")) t = t.replace(/\./g, "").replace(",", ".");
    else if ((t.match(/\./g) || []).length > 1) t = t.replace(/\./g, "");
    const n = Number(t);
    return Number.isFinite(n) ? n : NaN;
  }
  function format(n) {
    return n.toLocaleString("vi-VN", { maximumFractionDigits: 2 }) + " %";
  }
  function update(row) {
    const num = parse(row.querySelector("[data-numerator]").value);
    const den = parse(row.querySelector("[data-denominator]").value);
    const out = row.querySelector("[data-rate]");
    if (num === null || den === null) { out.textContent = "—"; return; }
    if (Number.isNaN(num) || Number.isNaN(den)) { out.textContent = "không phải số"; return; }
    if (den <= 0) { out.textContent = "mẫu số phải lớn hơn 0"; return; }
    if (num > den) { out.textContent = format((num / den) * 100) + " (tử số lớn hơn mẫu số)"; return; }
    out.textContent = format((num / den) * 100);
  }
  document.querySelectorAll("[data-rate-row]").forEach((row) => {
    row.addEventListener("input", () => update(row));
  });
})();
