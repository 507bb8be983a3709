-- Claims one expiry index member for the sweeper: removes everything of it if its time has passed.
-- Exactly one caller gets {2, …} for a process, however many sweep at once. See docs/redis.md.
-- KEYS: 1 process hash, 2 event stream, 3 idempotency hash, [4 expiry index: standalone only]
-- ARGV: 1 now ms, 2 expiry index member, 3 listing index base (same slot as KEYS[1])
-- Returns {0} nothing (left) to remove | {1, expiresAt ms} still live, index rescored (cluster: by caller) |
--         {2, status, process blob} removed an expired process
local now = tonumber(ARGV[1])
local current = redis.call('HMGET', KEYS[1], 'x', 's', 'd', 'f', 'o')
local live
if current[1] then
  if tonumber(current[1]) > now then
    live = current[1]
  end
else
  -- no process (removed, or never created): idempotency records may remain until their own expiry
  local latest = 0
  for _, record in ipairs(redis.call('HVALS', KEYS[3])) do
    local expires = tonumber(string.match(record, '^%d+'))
    if expires > latest then
      latest = expires
    end
  end
  if latest > now then
    live = tostring(latest)
  end
end
if live then
  if current[1] then
    redis.call('HSET', KEYS[1], 'ix', live) -- the index score the compare-and-set compares with
  end
  if KEYS[4] then
    redis.call('ZADD', KEYS[4], live, ARGV[2])
  end
  return {1, live}
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREM', ARGV[3] .. ':a', ARGV[2])
if current[4] then redis.call('ZREM', ARGV[3] .. ':f:' .. current[4], ARGV[2]) end
if current[5] then redis.call('ZREM', ARGV[3] .. ':o:' .. current[5], ARGV[2]) end
if KEYS[4] then
  redis.call('ZREM', KEYS[4], ARGV[2])
end
if current[1] then
  return {2, current[2], current[3]}
end
return {0}
