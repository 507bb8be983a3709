-- Stores the response of a claimed idempotency key, keeping the claim's fingerprint. See docs/redis.md.
-- KEYS: 1 idempotency hash, 2 process hash of the same tag, [3 expiry index: standalone only]
-- ARGV: 1 idempotency key, 2 record expiresAt ms, 3 response JSON, 4 record ttl ms, 5 expiry index member
-- Records read "<expiresAt ms> <fingerprint as a JSON string>\n<response JSON or nothing>".
-- Returns 1 when stored, 0 when the key holds no claim (released, or removed with its process),
--         2 when stored and the caller must lower the index entry to the record's expiry (cluster only)
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing then
  return 0
end
local fingerprint = string.match(existing, '^%d+ ([^\n]*)\n')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. fingerprint .. '\n' .. ARGV[3])
local ttl = math.max(tonumber(ARGV[4]), redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))
redis.call('PEXPIRE', KEYS[1], ttl)
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 1 -- removed with its process, whose index entry covers it
end
-- the claim indexed the in-flight timeout; the answer may expire sooner (a start answered with a short-lived
-- process), and the sweeper must then come for it at that time, not at the claim's
if KEYS[3] then
  redis.call('ZADD', KEYS[3], 'LT', ARGV[2], ARGV[5])
  return 1
end
return 2
