// The event protocol of simulator/protocol.py, from DOM events: what a click, a keystroke or
// a change on an element of the portal sends to Python (walkthrough/checker/dom.py builds
// the same events in the in-process driver).

export function dataOf(element, skip) {
  const data = {};
  for (const [key, value] of Object.entries(element.dataset)) {
    if (!skip.includes(key)) data[key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())] = value;
  }
  return data;
}

export function fieldsOf(root) {
  const fields = {};
  for (const control of root.querySelectorAll("[data-field]")) {
    const name = control.dataset.field;
    if (control.type === "radio") {
      if (control.checked) fields[name] = control.value;
    } else if (control.type === "checkbox") {
      const many = root.querySelectorAll(`[data-field="${CSS.escape(name)}"]`).length > 1;
      if (many) {
        fields[name] ??= [];
        if (control.checked) fields[name].push(control.value);
      } else if (control.checked) {
        fields[name] = "on";
      }
    } else if ("value" in control) {
      fields[name] = control.value;
    }
  }
  return fields;
}

// What a click on `target` (an element with data-action) sends.
export function clickEvent(root, target) {
  return { type: "click", action: target.dataset.action, data: dataOf(target, ["action"]), fields: fieldsOf(root) };
}
