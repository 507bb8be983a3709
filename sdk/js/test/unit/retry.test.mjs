import { test } from "node:test";
import assert from "node:assert/strict";
import { backoff, parseRetryAfter } from "../../dist/index.js";

const policy = (random) => ({ retries: 6, baseDelayMs: 100, maxDelayMs: 1000, random });

test("full jitter: each wait is uniform between 0 and min(max, base × 2^attempt)", () => {
  assert.equal(backoff(policy(() => 0), 3), 0);
  assert.equal(backoff(policy(() => 0.999999), 0), 99);
  assert.equal(backoff(policy(() => 0.999999), 2), 399);
  assert.equal(backoff(policy(() => 0.5), 10), 500, "capped by maxDelayMs");
});

test("Retry-After is a floor: the client never comes back earlier than asked", () => {
  assert.equal(backoff(policy(() => 0.1), 0, 2), 2000);
  assert.equal(backoff(policy(() => 0.999999), 10, 0), 999);
});

test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(parseRetryAfter("3"), 3);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter("soon"), undefined);
  const now = Date.parse("2030-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("Tue, 01 Jan 2030 00:00:05 GMT", now), 5);
});
