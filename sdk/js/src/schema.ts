/** The part of JSON Schema that forms are built from and checked against. */
export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  required?: string[];
  properties?: Record<string, FieldSchema>;
}

/** One violation: where (a JSON pointer into the input) and what to tell the person. */
export interface Violation {
  pointer: string;
  message: string;
}

/** The first type a schema names, guessed from its other keywords when it names none. */
export function typeOf(schema: FieldSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type) return type;
  if (schema.properties || schema.required) return "object";
  if (schema.enum) return "enum";
  return "string";
}

/** The properties of an object schema, with `required` names that have no schema of their own as strings. */
export function propertiesOf(schema: FieldSchema): [string, FieldSchema][] {
  const properties = { ...(schema.properties ?? {}) };
  for (const name of schema.required ?? []) properties[name] ??= { type: "string" };
  return Object.entries(properties);
}

/** JSON pointer escaping of one property name. */
export function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Checks `value` against the keywords forms use (type, enum, required, min/max, lengths, pattern, nested objects)
 * and says, in plain words, what is wrong where. Keywords it does not know are left to the server, whose 422
 * names the field by the same pointers.
 */
export function validate(schema: FieldSchema, value: unknown, pointer = ""): Violation[] {
  const out: Violation[] = [];
  const type = typeOf(schema);
  if (value === undefined) return out;
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    out.push({ pointer, message: `Choose one of: ${schema.enum.map(String).join(", ")}.` });
    return out;
  }
  if (type === "object") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [{ pointer, message: "Must be a group of fields." }];
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (record[name] === undefined || record[name] === "") out.push({ pointer: `${pointer}/${escapePointer(name)}`, message: "This field is required." });
    }
    for (const [name, child] of propertiesOf(schema)) {
      if (record[name] !== undefined && record[name] !== "") out.push(...validate(child, record[name], `${pointer}/${escapePointer(name)}`));
    }
    return out;
  }
  if (type === "integer" || type === "number") {
    if (typeof value !== "number" || Number.isNaN(value)) return [{ pointer, message: "Enter a number." }];
    if (type === "integer" && !Number.isInteger(value)) out.push({ pointer, message: "Enter a whole number." });
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ pointer, message: `Must be at least ${schema.minimum}.` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ pointer, message: `Must be at most ${schema.maximum}.` });
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) out.push({ pointer, message: `Must be more than ${schema.exclusiveMinimum}.` });
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) out.push({ pointer, message: `Must be less than ${schema.exclusiveMaximum}.` });
    return out;
  }
  if (type === "boolean") {
    return typeof value === "boolean" ? out : [{ pointer, message: "Must be yes or no." }];
  }
  if (typeof value !== "string") return [{ pointer, message: "Must be text." }];
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    out.push({ pointer, message: schema.minLength === 1 ? "This field is required." : `Use at least ${schema.minLength} characters.` });
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) out.push({ pointer, message: `Use at most ${schema.maxLength} characters.` });
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
    out.push({ pointer, message: schema.description ? `Does not match the expected format: ${schema.description}` : "Does not match the expected format." });
  }
  return out;
}
