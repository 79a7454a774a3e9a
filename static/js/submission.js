// The figures form: under each number, how the portal reads what was typed ("Đã hiểu là 168 900"), and the rate
// as numerator and denominator are typed. The rules are emulation/lib/vn.py's (parse_number); the server decides,
// this only shows the reading before saving.
(function () {
  const GROUPED_DOTS = /^[1-9]\d{0,2}(\.\d{3})+$/;
  const GROUPED_SPACES = /^\d{1,3}( \d{3})+$/;
  const PLAIN = /^\d+$/;

  // → {value: Number|null, error: string|null, places: int}
  function parse(raw, decimals, percent) {
    let t = (raw || "").replace(/[\s\u00a0\u202f\u2009]+/g, " ").trim();
    if (!t) return { value: null, error: null };
    if (t.endsWith("%")) {
      if (!percent) return { error: "ô này cần một con số, không phải tỷ lệ phần trăm" };
      t = t.slice(0, -1).trim();
    }
    let sign = "";
    if ("-−+".includes(t[0])) { sign = t[0] === "+" ? "" : "-"; t = t.slice(1).trim(); }
    if (GROUPED_SPACES.test(t.split(",")[0])) t = t.replace(/ /g, "");
    if (!t || t.includes(" ")) return { error: "không phải là số" };
    if ((t.match(/,/g) || []).length > 1) return { error: "chỉ có một dấu phẩy, đặt trước phần thập phân (82,5)" };
    const [whole, fraction] = t.split(",");
    if (fraction !== undefined && !PLAIN.test(fraction)) {
      return { error: "dấu chấm phân nhóm hàng nghìn đứng trước dấu phẩy (1.234,5)" };
    }
    let digits;
    if (PLAIN.test(whole)) digits = whole;
    else if (GROUPED_DOTS.test(whole)) digits = whole.replace(/\./g, "");
    else if (whole.includes(".")) return { error: "dấu chấm chỉ phân nhóm hàng nghìn; phần thập phân dùng dấu phẩy (82,5)" };
    else return { error: "không phải là số" };
    const places = fraction ? fraction.replace(/0+$/, "").length : 0;
    if (decimals !== null && places > decimals) {
      return { error: decimals === 0 ? "chỉ nhận số nguyên" : `chỉ nhận tối đa ${decimals} chữ số thập phân` };
    }
    const text = sign + digits + (fraction ? "." + fraction : "");
    const value = Number(text);
    if (Math.abs(value) >= 1e12) return { error: "quá lớn" };
    return { value, error: null, places, digits, fraction: fraction ? fraction.replace(/0+$/, "") : "", sign };
  }

  // "1 234 567,5": grouped by (no-break) spaces so the reading cannot be mistaken for a decimal.
  function reading(p) {
    const grouped = p.digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return (p.sign && (p.digits.replace(/0/g, "") || p.fraction) ? "-" : "") + grouped + (p.fraction ? "," + p.fraction : "");
  }

  function show(input) {
    const out = document.getElementById(input.getAttribute("aria-describedby"));
    if (!out) return null;
    const decimals = input.dataset.decimals === undefined ? null : Number(input.dataset.decimals);
    const p = parse(input.value, decimals, input.hasAttribute("data-percent"));
    out.classList.toggle("text-danger", Boolean(p.error));
    if (p.error) out.textContent = "Chưa đọc được: " + p.error + ".";
    else if (p.value === null) out.textContent = "";
    else out.textContent = "Đã hiểu là " + reading(p) + (input.hasAttribute("data-percent") ? " %" : "");
    return p;
  }

  function format(n) {
    return n.toLocaleString("vi-VN", { maximumFractionDigits: 2 }) + " %";
  }
  function update(row) {
    const num = parse(row.querySelector("[data-numerator]").value, null, false);
    const den = parse(row.querySelector("[data-denominator]").value, null, false);
    const out = row.querySelector("[data-rate]");
    if (num.error || den.error) { out.textContent = "—"; return; }
    if (num.value === null || den.value === null) { out.textContent = "—"; return; }
    if (den.value <= 0) { out.textContent = "mẫu số phải lớn hơn 0"; return; }
    if (num.value > den.value) { out.textContent = format((num.value / den.value) * 100) + " (tử số lớn hơn mẫu số)"; return; }
    out.textContent = format((num.value / den.value) * 100);
  }

  document.querySelectorAll("[data-number]").forEach((input) => {
    show(input);
    input.addEventListener("input", () => show(input));
  });
  document.querySelectorAll("[data-rate-row]").forEach((row) => {
    row.addEventListener("input", () => update(row));
  });
  window.vnNumber = { parse, reading };
})();
