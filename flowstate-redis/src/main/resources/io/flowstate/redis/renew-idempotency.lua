-- Extends the lease of an idempotency claim still in flight with the same fingerprint. See docs/redis.md.
-- KEYS: 1 idempotency hash, 2 process hash of the same tag
-- ARGV: 1 idempotency key, 2 renewed claim record, 3 now ms, 4 record ttl ms
-- Records read "<expiresAt ms> <fingerprint as a JSON string>\n<response JSON or nothing>"; a claim in flight
-- has no response, so it equals the renewed record after the expiry.
-- Returns 1 when renewed, 0 when the key holds no such claim (released, answered, lapsed or another request's)
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing then
  return 0
end
local expires, rest = string.match(existing, '^(%d+) (.*)$')
if tonumber(expires) <= tonumber(ARGV[3]) or rest ~= string.match(ARGV[2], '^%d+ (.*)$') then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local ttl = math.max(tonumber(ARGV[4]), redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
