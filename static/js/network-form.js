// Live help on the create form: as the user types, the server runs the form's own rules
// (POST networks/new/check, nothing reaches Docker) and the errors show beside each field.
// Only fields the user has touched get messages; the real submit validates again, and the
// form works the same without this script.
import { el } from "./dom.js";

const form = document.querySelector("form[data-check-url]");
const touched = new Set();
let timer = null;
let sequence = 0;

function containerOf(input) {
  return input.closest(".field, td");
}

function show(input, messages) {
  const box = containerOf(input);
  if (!box) return;
  box.querySelectorAll("ul.errorlist").forEach((ul) => ul.remove());
  box.classList.toggle("has-error", messages.length > 0);
  input.setAttribute("aria-invalid", messages.length > 0 ? "true" : "false");
  if (messages.length) {
    box.append(
      el(
        "ul",
        { class: "errorlist live", role: "alert" },
        messages.map((m) => el("li", { text: m })),
      ),
    );
  }
}

async function check() {
  const mine = ++sequence;
  const body = new FormData(form);
  let answer;
  try {
    const response = await fetch(form.dataset.checkUrl, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") },
      credentials: "same-origin",
    });
    if (!response.ok) return;
    answer = await response.json();
  } catch {
    return; // offline or logged out: the submit still validates
  }
  if (mine !== sequence) return; // an older answer that arrived late
  const notes = document.getElementById("form-notes");
  if (notes) notes.replaceChildren(...(answer.notes || []).map((n) => el("li", { text: n })));
  for (const name of touched) {
    const input = form.elements.namedItem(name);
    if (input instanceof Element) show(input, answer.errors[name] || []);
  }
}

// Driver-specific fields (parent and modes) show only for their driver; a field holding a
// value or an error stays visible, so nothing the server will refuse is hidden.
function showDriverFields() {
  const driver = form.elements.namedItem("driver");
  if (!(driver instanceof HTMLSelectElement)) return;
  const keep = (box) =>
    box.classList.contains("has-error") || [...box.querySelectorAll("input, select")].some((i) => i.value);
  for (const set of form.querySelectorAll("fieldset[data-drivers]")) {
    const mine = set.dataset.drivers.split(" ").includes(driver.value);
    set.hidden = !mine && !keep(set);
    for (const name of ["macvlan", "ipvlan"]) {
      const box = set.querySelector(`#field-${name}_mode`);
      if (box) box.hidden = mine && driver.value !== name && !keep(box);
    }
  }
}

if (form) {
  showDriverFields();
  form.addEventListener("change", showDriverFields);
  form.addEventListener("input", (event) => {
    if (!event.target.name) return;
    touched.add(event.target.name);
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
}
