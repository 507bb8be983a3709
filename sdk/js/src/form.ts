import { FlowstateError } from "./errors.js";
import { escapePointer, type FieldSchema, propertiesOf, typeOf, validate, type Violation } from "./schema.js";
import type { NextStep } from "./types.js";

export interface FormOptions {
  /** Called with the input when it passes the checks; a rejected {@link FlowstateError} 422 is shown on the fields. */
  onSubmit: (input: Record<string, unknown>) => Promise<unknown> | unknown;
  /** Values to fill in (e.g. the process's state). */
  values?: Record<string, unknown>;
  /** The submit button's text (default "Continue"). */
  submitLabel?: string;
  /** Prefix of element ids, to keep two forms on one page apart (default "fs"). */
  idPrefix?: string;
}

/** A rendered form. */
export interface FormHandle {
  readonly form: HTMLFormElement;
  /** The input as the fields hold it now (empty fields left out). */
  values(): Record<string, unknown>;
  /** Shows `violations` on their fields (and in the summary); an empty list clears them. */
  showErrors(violations: Violation[]): void;
  /** Shows a problem: a 422 `invalid_input` on its fields, anything else in the summary. */
  showProblem(error: unknown): void;
  /** Removes the form. */
  destroy(): void;
}

/**
 * Renders the JSON Schema of `step` into `element` as an accessible form: a label per field, `aria-required`,
 * `aria-invalid` and `aria-describedby` pointing at its message, a summary (`role="alert"`) listing the problems
 * with links to the fields, and focus on the first one. The input is checked before it is sent; a 422
 * `invalid_input` from the server lands on the fields its JSON pointers name.
 */
export function renderForm(element: HTMLElement, step: Pick<NextStep, "id" | "schema" | "title">, options: FormOptions): FormHandle {
  const doc = element.ownerDocument;
  const prefix = (options.idPrefix ?? "fs") + "-" + step.id;
  const schema = (step.schema ?? { type: "object" }) as FieldSchema;
  const fields = new Map<string, HTMLElement>();
  const form = doc.createElement("form");
  form.noValidate = true; // the messages below replace the browser's bubbles, in every browser alike
  form.className = "fs-form";
  form.dataset.step = step.id;
  const summary = doc.createElement("div");
  summary.className = "fs-summary";
  summary.setAttribute("role", "alert");
  summary.hidden = true;
  summary.tabIndex = -1;
  form.append(summary);
  if (step.title) {
    const heading = doc.createElement("h2");
    heading.textContent = step.title;
    form.append(heading);
  }

  const idFor = (pointer: string) => prefix + pointer.replace(/[^A-Za-z0-9_/]/g, "_").replace(/\//g, "-");

  const build = (parent: HTMLElement, node: FieldSchema, pointer: string, name: string, required: boolean, value: unknown) => {
    const type = typeOf(node);
    const label = node.title ?? humanize(name);
    if (type === "object") {
      const set = doc.createElement("fieldset");
      set.dataset.pointer = pointer;
      if (pointer) {
        const legend = doc.createElement("legend");
        legend.textContent = label;
        set.append(legend);
      }
      const requiredNames = node.required ?? [];
      for (const [child, childSchema] of propertiesOf(node)) {
        build(set, childSchema, `${pointer}/${escapePointer(child)}`, child, requiredNames.includes(child),
          (value as Record<string, unknown> | undefined)?.[child]);
      }
      parent.append(set);
      return;
    }
    const id = idFor(pointer);
    const wrapper = doc.createElement("div");
    wrapper.className = "fs-field";
    const labelEl = doc.createElement("label");
    labelEl.htmlFor = id;
    labelEl.textContent = label + (required ? " *" : "");
    let control: HTMLInputElement | HTMLSelectElement;
    if (node.enum) {
      const select = doc.createElement("select");
      if (!required || value === undefined) select.append(new Option(required ? "Choose…" : "—", ""));
      node.enum.forEach((option, index) => select.append(new Option(String(option), String(index))));
      if (value !== undefined) select.value = String(node.enum.indexOf(value));
      control = select;
    } else {
      const input = doc.createElement("input");
      if (type === "boolean") {
        input.type = "checkbox";
        input.checked = value === true || (value === undefined && node.default === true);
      } else if (type === "integer" || type === "number") {
        input.type = "number";
        input.step = type === "integer" ? "1" : "any";
        if (node.minimum !== undefined) input.min = String(node.minimum);
        if (node.maximum !== undefined) input.max = String(node.maximum);
        input.inputMode = type === "integer" ? "numeric" : "decimal";
      } else {
        input.type = node.format === "email" ? "email" : node.format === "date" ? "date" : "text";
        if (node.maxLength !== undefined) input.maxLength = node.maxLength;
      }
      if (type !== "boolean" && value !== undefined && value !== null) input.value = String(value);
      control = input;
    }
    control.id = id;
    control.name = pointer;
    control.dataset.pointer = pointer;
    control.dataset.type = node.enum ? "enum" : type;
    if (required) control.setAttribute("aria-required", "true");
    const message = doc.createElement("p");
    message.id = id + "-error";
    message.className = "fs-error";
    message.hidden = true;
    const describedBy = [message.id];
    if (node.description) {
      const hint = doc.createElement("p");
      hint.id = id + "-hint";
      hint.className = "fs-hint";
      hint.textContent = node.description;
      describedBy.unshift(hint.id);
      wrapper.append(labelEl, control, hint, message);
    } else {
      wrapper.append(labelEl, control, message);
    }
    control.setAttribute("aria-describedby", describedBy.join(" "));
    if (type === "boolean") wrapper.classList.add("fs-checkbox");
    fields.set(pointer, control);
    (control as HTMLElement & { fsSchema?: FieldSchema }).fsSchema = node;
    parent.append(wrapper);
  };

  const body = doc.createElement("div");
  build(body, schema, "", step.id, false, options.values);
  form.append(body);
  const button = doc.createElement("button");
  button.type = "submit";
  button.textContent = options.submitLabel ?? "Continue";
  form.append(button);

  const values = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [pointer, control] of fields) {
      const node = (control as HTMLElement & { fsSchema?: FieldSchema }).fsSchema ?? {};
      const value = readControl(control as HTMLInputElement | HTMLSelectElement, node);
      if (value !== undefined) setAt(out, pointer, value);
    }
    return out;
  };

  const showErrors = (violations: Violation[]) => {
    for (const control of fields.values()) {
      control.removeAttribute("aria-invalid");
      const message = doc.getElementById(control.id + "-error");
      if (message) {
        message.hidden = true;
        message.textContent = "";
      }
    }
    summary.replaceChildren();
    summary.hidden = violations.length === 0;
    if (!violations.length) return;
    const list = doc.createElement("ul");
    let first: HTMLElement | undefined;
    for (const violation of violations) {
      const control = fieldFor(fields, violation.pointer);
      const item = doc.createElement("li");
      if (control) {
        control.setAttribute("aria-invalid", "true");
        const message = doc.getElementById(control.id + "-error")!;
        message.hidden = false;
        message.textContent = message.textContent ? `${message.textContent} ${violation.message}` : violation.message;
        const link = doc.createElement("a");
        link.href = "#" + control.id;
        link.textContent = `${labelOf(doc, control)}: ${violation.message}`;
        item.append(link);
        first ??= control;
      } else {
        item.textContent = violation.message;
      }
      list.append(item);
    }
    summary.append(list);
    (first ?? summary).focus();
  };

  const showProblem = (error: unknown) => {
    if (error instanceof FlowstateError && error.code === "invalid_input" && error.errors.length) {
      showErrors(error.errors.map((e) => ({ pointer: e.pointer, message: e.detail ?? "Invalid value." })));
    } else {
      showErrors([{ pointer: "\u0000", message: error instanceof Error ? error.message : String(error) }]);
    }
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = values();
    const violations = validate(schema, input);
    showErrors(violations);
    if (violations.length) return;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      await options.onSubmit(input);
    } catch (error) {
      showProblem(error);
    } finally {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });

  element.append(form);
  return { form, values, showErrors, showProblem, destroy: () => form.remove() };
}

function readControl(control: HTMLInputElement | HTMLSelectElement, node: FieldSchema): unknown {
  if (control.dataset.type === "enum") return control.value === "" ? undefined : node.enum?.[Number(control.value)];
  if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked;
  const text = control.value;
  if (text === "") return undefined;
  if (control.dataset.type === "integer" || control.dataset.type === "number") {
    // a number field whose text is not a number reports "", which is caught above as missing; valueAsNumber is exact
    const number = (control as HTMLInputElement).valueAsNumber;
    return Number.isNaN(number) ? Number(text) : number;
  }
  return text;
}

function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const names = pointer.split("/").slice(1).map((n) => n.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = target;
  names.slice(0, -1).forEach((name) => {
    node = (node[name] ??= {}) as Record<string, unknown>;
  });
  node[names[names.length - 1]!] = value;
}

/** The field of `pointer`, or of the nearest enclosing pointer that has one. */
function fieldFor(fields: Map<string, HTMLElement>, pointer: string): HTMLElement | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const found = fields.get(p);
    if (found) return found;
    if (!p.includes("/")) return undefined;
  }
}

function labelOf(doc: Document, control: HTMLElement): string {
  return (doc.querySelector(`label[for="${control.id}"]`)?.textContent ?? control.id).replace(/ \*$/, "");
}

function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
