import { test } from "node:test";
import assert from "node:assert/strict";
import { applyMergePatch, validate } from "../../dist/index.js";

const schema = {
  type: "object",
  required: ["name", "plan", "address"],
  properties: {
    name: { type: "string", minLength: 2, maxLength: 5 },
    plan: { enum: ["basic", "pro"] },
    seats: { type: "integer", minimum: 1, maximum: 10 },
    ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    ok: { type: "boolean" },
    zip: { type: "string", pattern: "^[0-9]{5}$" },
    address: { type: "object", required: ["city"], properties: { city: { type: "string" } } },
  },
};

test("valid input has no violations", () => {
  assert.deepEqual(validate(schema, { name: "Ada", plan: "pro", seats: 3, ratio: 0.5, ok: true, zip: "12345",
    address: { city: "Rome" } }), []);
});

test("each keyword is reported at its JSON pointer, as the server's 422 names it", () => {
  const violations = validate(schema, { name: "A", plan: "gold", seats: 2.5, ratio: 1, ok: "yes", zip: "1234",
    address: {} });
  assert.deepEqual(violations.map((v) => v.pointer).sort(),
    ["/address/city", "/name", "/ok", "/plan", "/ratio", "/seats", "/zip"]);
  assert.match(violations.find((v) => v.pointer === "/seats").message, /whole number/);
  assert.match(violations.find((v) => v.pointer === "/plan").message, /basic, pro/);
});

test("missing required fields, bounds and lengths get plain messages", () => {
  const violations = validate(schema, { name: "Adalovelace", seats: 11 });
  const by = Object.fromEntries(violations.map((v) => [v.pointer, v.message]));
  assert.equal(by["/plan"], "This field is required.");
  assert.equal(by["/address"], "This field is required.");
  assert.equal(by["/name"], "Use at most 5 characters.");
  assert.equal(by["/seats"], "Must be at most 10.");
});

test("required names without a schema of their own are strings", () => {
  assert.deepEqual(validate({ type: "object", required: ["city"] }, {}), [{ pointer: "/city", message: "This field is required." }]);
});

test("merge patch follows RFC 7396", () => {
  assert.deepEqual(applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: 4 }, e: [1] }), { b: { c: 4, d: 3 }, e: [1] });
  assert.equal(applyMergePatch({ a: 1 }, "x"), "x");
});
