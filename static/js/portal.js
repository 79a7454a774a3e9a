// Our scripts. No inline script anywhere: the Content-Security-Policy allows only files from this site.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

// Upload limits, checked before anything is sent. A file over the limit would be refused by nginx (413) or by the
// portal after the whole form travelled, and the page that comes back has lost what the user typed. Here the file
// is taken out of the form with a message next to it, and the rest of the form stays as it is.
// Limits: the input's data-max-bytes, else the page's (<body data-max-bytes>: UPLOAD_MAX_MB); all the files of
// one form together: <body data-max-request-bytes> (nginx's client_max_body_size).
(() => {
  const pageLimit = (name) => Number(document.body.dataset[name]) || 0;
  const limitOf = (input) => Number(input.dataset.maxBytes) || pageLimit("maxBytes");

  // Like the portal's own messages (emulation/lib/uploads.py): "2,5 MB"; "40 kB" under a tenth of a megabyte.
  const size = (bytes) => {
    const mb = bytes / 1048576;
    if (mb < 0.1) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("vi-VN")} kB`;
    return `${(Math.round(mb * 10) / 10).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
  };
  const KEPT = " Những gì bạn đã nhập vẫn được giữ nguyên.";

  const describedBy = (input) => (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  const clear = (input) => {
    const next = input.nextElementSibling;
    if (!next || !next.hasAttribute("data-upload-error")) return;
    input.classList.remove("is-invalid");
    input.removeAttribute("aria-invalid");
    const rest = describedBy(input).filter((id) => id !== next.id);
    if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
    else input.removeAttribute("aria-describedby");
    next.remove();
  };
  const complain = (input, text) => {
    clear(input);
    const message = document.createElement("div");
    message.className = "invalid-feedback d-block";
    message.setAttribute("data-upload-error", "");
    message.setAttribute("role", "alert");
    message.id = `${input.id || input.name}-upload-error`;
    message.textContent = text;
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [...describedBy(input), message.id].join(" "));
    input.insertAdjacentElement("afterend", message);
  };

  // The first file of `input` over its limit, with the message to show; null when all fit.
  const tooLarge = (input) => {
    const limit = limitOf(input);
    for (const file of input.files || []) {
      if (limit && file.size > limit) {
        return `Tệp “${file.name}” có dung lượng ${size(file.size)}, vượt quá giới hạn ${size(limit)}. Hãy chọn tệp nhỏ hơn.${KEPT}`;
      }
    }
    return null;
  };

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
    const problem = tooLarge(input);
    if (problem) {
      input.value = ""; // the form can still be sent, without this file
      complain(input, problem);
    } else {
      clear(input);
    }
  });

  // Capture phase: before htmx or the browser sends the form.
  document.addEventListener(
    "submit",
    (event) => {
      const inputs = [...event.target.querySelectorAll("input[type=file]")].filter((i) => i.files && i.files.length);
      let problem = null;
      let culprit = null;
      for (const input of inputs) {
        problem = tooLarge(input);
        if (problem) {
          culprit = input;
          break;
        }
      }
      const total = inputs.reduce((sum, i) => sum + [...i.files].reduce((s, f) => s + f.size, 0), 0);
      const most = pageLimit("maxRequestBytes");
      if (!problem && most && total > most) {
        culprit = inputs[0];
        problem = `Các tệp đính kèm tổng cộng ${size(total)}, vượt quá ${size(most)} cho một lần gửi. Hãy bỏ bớt tệp rồi gửi phần còn lại ở lần sau.${KEPT}`;
      }
      if (!problem) return;
      event.preventDefault();
      event.stopPropagation();
      complain(culprit, problem);
      culprit.focus();
    },
    true,
  );
})();

// Forms that help (issue 13): the first error in view, Vietnamese file pickers, dd/mm/yyyy dates, buttons that say
// the request is running.
(() => {
  // The first error of the page — the summary (templates/_form_errors.html) or a field marked invalid — is scrolled
  // into view and focused, so a long form does not come back looking unchanged.
  const showFirstError = (root) => {
    const first = root.querySelector("[data-form-errors], .is-invalid, [aria-invalid=true]");
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    if (!first.matches("input, select, textarea, button")) first.setAttribute("tabindex", "-1");
    first.focus({ preventScroll: true });
  };
  // A link of the summary goes to its field and puts the cursor in it.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-form-errors] a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  // File pickers: the browser's own button speaks the operating system's language ("Choose File", "No file
  // chosen"). The input stays in the page, focusable and read by screen readers, under a label of our own.
  const NO_FILE = "Chưa chọn tệp";
  const describe = (input) => {
    const files = [...(input.files || [])];
    if (!files.length) return NO_FILE;
    if (files.length === 1) return files[0].name;
    return `${files.length} tệp: ${files.map((f) => f.name).join(", ")}`;
  };
  let pickers = 0;
  const enhanceFile = (input) => {
    if (input.closest(".file-picker")) return;
    if (!input.id) input.id = `tep-${(pickers += 1)}`;
    const wrap = document.createElement("div");
    wrap.className = "file-picker";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    input.classList.add("file-picker-input");
    // The field's error, after the input in the page, is shown by Bootstrap only after an invalid sibling.
    if (input.classList.contains("is-invalid")) wrap.classList.add("has-error");
    const button = document.createElement("label");
    button.className = "btn btn-sm file-picker-button";
    button.htmlFor = input.id;
    button.textContent = input.multiple ? "Chọn tệp (có thể chọn nhiều)" : "Chọn tệp";
    const name = document.createElement("span");
    name.className = "file-picker-name small";
    name.setAttribute("aria-live", "polite");
    name.textContent = describe(input);
    wrap.append(button, name);
    input.addEventListener("change", () => {
      name.textContent = describe(input);
    });
  };

  // Dates are text, dd/mm/yyyy (emulation/lib/forms.py): the slashes come as one types; 15062025 becomes 15/06/2025.
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-date-input")) return;
    const value = input.value.trim();
    if (/^\d{8}$/.test(value)) {
      input.value = `${value.slice(0, 2)}/${value.slice(2, 4)}/${value.slice(4)}`;
    } else if (event.inputType === "insertText" && /^\d{2}$|^\d{1,2}\/\d{2}$/.test(value)) {
      input.value = `${value}/`;
    }
  });

  // A submit button is disabled, with a spinner, while its request runs: a second click does not send the form
  // twice. Disabled only once the browser has read the form (a disabled button's name=value would not be sent);
  // given back when the page is shown again from the history, and after a while for a download, which leaves the
  // page as it was.
  const BUTTONS = "button[type=submit], button:not([type]), input[type=submit]";
  const busy = (form, submitter) => {
    for (const button of form.querySelectorAll(BUTTONS)) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    if (submitter && submitter.tagName === "BUTTON" && !submitter.querySelector(".spinner-border")) {
      const spinner = document.createElement("span");
      spinner.className = "spinner-border spinner-border-sm me-1";
      spinner.setAttribute("aria-hidden", "true");
      spinner.dataset.busy = "";
      submitter.prepend(spinner);
    }
  };
  const release = (form) => {
    for (const button of form.querySelectorAll(BUTTONS)) button.disabled = false;
    for (const spinner of form.querySelectorAll("[data-busy]")) spinner.remove();
    form.removeAttribute("aria-busy");
  };
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || form.hasAttribute("data-no-busy") || form.target === "_blank") return;
    const submitter = event.submitter;
    window.setTimeout(() => busy(form, submitter), 0);
    window.setTimeout(() => release(form), 20000);
  });
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && !form.hasAttribute("data-no-busy")) busy(form, null);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt.closest && event.detail.elt.closest("form");
    if (form) release(form);
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) for (const form of document.querySelectorAll("form[aria-busy]")) release(form);
  });

  const enhance = (root) => {
    for (const input of root.querySelectorAll("input[type=file]")) enhanceFile(input);
  };
  const start = () => {
    enhance(document);
    showFirstError(document);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:afterSwap", (event) => {
    enhance(event.detail.target);
    showFirstError(event.detail.target);
  });
})();
