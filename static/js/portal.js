// Small behaviours shared by every page; no inline scripts (CSP allows only our origin).

// One confirmation and one request per action: a form that has been sent ignores further
// submits (a double-click, an impatient second press) until the next page. htmx forms are
// left to htmx, which replaces them with its answer.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  const question = form.dataset.confirm;
  if (question) {
    // marked while the question is open: a second press that the browser delivers meanwhile
    // (a double-click) is ignored instead of asking again
    form.dataset.submitted = "1";
    const yes = window.confirm(question);
    delete form.dataset.submitted;
    if (!yes) {
      event.preventDefault();
      return;
    }
  }
  if ((form.getAttribute("method") || "get").toLowerCase() === "post" && !form.hasAttribute("hx-post")) {
    form.dataset.submitted = "1";
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("disabled");
    });
  }
});

// A page shown again from the back-forward cache may be used again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-submitted]").forEach((form) => {
    delete form.dataset.submitted;
    form.querySelectorAll(".disabled[aria-disabled]").forEach((button) => {
      button.removeAttribute("aria-disabled");
      button.classList.remove("disabled");
    });
  });
});

// A header checkbox with data-check-all="name" ticks or clears every checkbox of that name.
document.addEventListener("change", (event) => {
  const all = event.target.closest("input[data-check-all]");
  if (!all) return;
  const form = all.form || document;
  form.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});

// A table wider than the screen scrolls inside its own box (.table-responsive); a box that
// scrolls is reachable from the keyboard and named for a screen reader.
function focusableScrollBoxes(root) {
  root.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const caption = box.querySelector("caption, th");
      box.setAttribute("aria-label", `Таблица${caption ? ": " + caption.textContent.trim() : ""}`);
    }
  });
}
document.addEventListener("DOMContentLoaded", () => focusableScrollBoxes(document));
document.addEventListener("htmx:afterSwap", (event) => focusableScrollBoxes(event.target));
window.addEventListener("resize", () => focusableScrollBoxes(document));

// An htmx request that fails is said in Russian above the page; htmx itself swaps nothing for
// an error, and a request whose session has expired goes to the login page as a whole page
// (the server answers it with HX-Redirect).
const HTMX_FAILURES = {
  403: "Недостаточно прав для этого действия: возможно, ваша роль изменилась. Обновите страницу.",
  404: "Не найдено: возможно, это уже удалено или изменено. Обновите страницу.",
  503: "Связь с базой данных прервалась: ничего не сохранено. Повторите действие через минуту.",
};
function sayFailure(status) {
  const box = document.getElementById("portal-alerts");
  if (!box) return;
  const text = HTMX_FAILURES[status] ||
    "Не удалось выполнить действие: нет связи с сервером или ошибка на сервере. Повторите позже.";
  const alert = document.createElement("div");
  alert.className = "alert alert-danger mt-2";
  alert.setAttribute("role", "alert");
  alert.dataset.testid = "htmx-failure";
  alert.textContent = text;
  box.replaceChildren(alert);
}
document.addEventListener("htmx:responseError", (event) => sayFailure(event.detail.xhr.status));
document.addEventListener("htmx:sendError", () => sayFailure(0));
