-- Stores a new process unless a live one has its id. See docs/redis.md.
-- KEYS: 1 process hash, 2 event stream, 3 idempotency hash, [4 expiry index: standalone only]
-- ARGV: 1 version, 2 expiresAt ms, 3 status, 4 record blob ('' = the event blob), 5 event blob,
--       6 key ttl ms, 7 now ms, 8 event channel, 9 event log capacity, 10 expiry index member,
--       11 listing index base (same slot as KEYS[1]), 12 updatedAt ms, 13 flow id, 14 owner ('' = none)
-- Returns 1 when stored, 0 when a live process has this id.
local expires = redis.call('HGET', KEYS[1], 'x')
if expires then
  if tonumber(expires) > tonumber(ARGV[7]) then
    return 0
  end
  -- an expired process the sweeper has not removed yet: its leftovers must not leak into the new one
  local old = redis.call('HMGET', KEYS[1], 'f', 'o')
  redis.call('ZREM', ARGV[11] .. ':a', ARGV[10])
  if old[1] then redis.call('ZREM', ARGV[11] .. ':f:' .. old[1], ARGV[10]) end
  if old[2] then redis.call('ZREM', ARGV[11] .. ':o:' .. old[2], ARGV[10]) end
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
local record = ARGV[4] ~= '' and ARGV[4] or ARGV[5]
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'x', ARGV[2], 'ix', ARGV[2], 's', ARGV[3], 'd', record, 'f', ARGV[13])
redis.call('ZADD', ARGV[11] .. ':a', ARGV[12], ARGV[10])
redis.call('ZADD', ARGV[11] .. ':f:' .. ARGV[13], ARGV[12], ARGV[10])
if ARGV[14] ~= '' then
  redis.call('HSET', KEYS[1], 'o', ARGV[14])
  redis.call('ZADD', ARGV[11] .. ':o:' .. ARGV[14], ARGV[12], ARGV[10])
end
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[9], ARGV[1] .. '-0', 'e', ARGV[5])
for i = 1, 3 do
  redis.call('PEXPIRE', KEYS[i], ARGV[6])
end
if KEYS[4] then
  redis.call('ZADD', KEYS[4], ARGV[2], ARGV[10])
end
redis.call('PUBLISH', ARGV[8], ARGV[5])
return 1
