-- Stores the response of a claimed idempotency key, keeping the claim's fingerprint. See docs/redis.md.
-- KEYS: 1 idempotency hash, 2 process hash of the same tag
-- ARGV: 1 idempotency key, 2 record expiresAt ms, 3 response JSON, 4 record ttl ms
-- Records read "<expiresAt ms> <fingerprint as a JSON string>\n<response JSON or nothing>".
-- Returns 1 when stored, 0 when the key holds no claim (released, or removed with its process)
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing then
  return 0
end
local fingerprint = string.match(existing, '^%d+ ([^\n]*)\n')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. fingerprint .. '\n' .. ARGV[3])
local ttl = math.max(tonumber(ARGV[4]), redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
