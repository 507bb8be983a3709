-- Removes a process with its event stream and idempotency records. See docs/redis.md.
-- KEYS: 1 process hash, 2 event stream, 3 idempotency hash, [4 expiry index: standalone only]
-- ARGV: 1 expected version or -1 for any, 2 now ms, 3 event channel, 4 event blob, 5 expiry index member,
--       6 listing index base (same slot as KEYS[1])
-- Returns {0} no live process | {1, current process blob} version differs | {2, removed process blob}
local current = redis.call('HMGET', KEYS[1], 'v', 'x', 'd', 'f', 'o')
if not current[1] or tonumber(current[2]) <= tonumber(ARGV[2]) then
  return {0}
end
if ARGV[1] ~= '-1' and current[1] ~= ARGV[1] then
  return {1, current[3]}
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREM', ARGV[6] .. ':a', ARGV[5])
if current[4] then redis.call('ZREM', ARGV[6] .. ':f:' .. current[4], ARGV[5]) end
if current[5] then redis.call('ZREM', ARGV[6] .. ':o:' .. current[5], ARGV[5]) end
if KEYS[4] then
  redis.call('ZREM', KEYS[4], ARGV[5])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return {2, current[3]}
