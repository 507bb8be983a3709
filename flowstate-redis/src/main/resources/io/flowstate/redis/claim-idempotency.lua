-- Claims an idempotency key unless an unexpired record holds it. See docs/redis.md.
-- KEYS: 1 idempotency hash, 2 process hash of the same tag, [3 expiry index: standalone only]
-- ARGV: 1 idempotency key, 2 claim record, 3 now ms, 4 record ttl ms, 5 record expiresAt ms,
--       6 expiry index member
-- Records read "<expiresAt ms> <fingerprint as a JSON string>\n<response JSON or nothing>".
-- Returns {2, existing record} | {0} claimed | {1} claimed, caller must index the member (cluster only)
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing and tonumber(string.match(existing, '^%d+')) > tonumber(ARGV[3]) then
  return {2, existing}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
-- kept as long as the longest of: this record, the other records, the owning process
local ttl = math.max(tonumber(ARGV[4]), redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))
redis.call('PEXPIRE', KEYS[1], ttl)
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {0} -- removed with its process, whose index entry covers it
end
if KEYS[3] then
  redis.call('ZADD', KEYS[3], 'LT', ARGV[5], ARGV[6])
  return {0}
end
return {1}
