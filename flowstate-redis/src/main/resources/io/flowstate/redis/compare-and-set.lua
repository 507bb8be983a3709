-- Replaces a process if its stored version is the expected one. See docs/redis.md.
-- KEYS: 1 process hash, 2 event stream, 3 idempotency hash, [4 expiry index: standalone only]
-- ARGV: 1 expected version, 2 new version, 3 expiresAt ms, 4 status, 5 record blob ('' = the event blob),
--       6 event blob, 7 key ttl ms, 8 now ms, 9 event channel, 10 event log capacity, 11 expiry index member,
--       12 listing index base (same slot as KEYS[1]), 13 updatedAt ms, 14 flow id, 15 owner ('' = none)
-- Returns {0} no live process | {1, current process blob} version differs |
--         {2, lower} committed; lower = 1 when the caller must lower the index score (cluster only)
local current = redis.call('HMGET', KEYS[1], 'v', 'x', 'ix', 'd')
if not current[1] or tonumber(current[2]) <= tonumber(ARGV[8]) then
  return {0}
end
if current[1] ~= ARGV[1] then
  return {1, current[4]}
end
local indexed = ARGV[3]
local lower = 0
if KEYS[4] then
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[11])
elseif tonumber(ARGV[3]) < tonumber(current[3]) then
  lower = 1
else
  indexed = current[3] -- the index keeps the earlier score: a lower bound the sweeper corrects
end
local record = ARGV[5] ~= '' and ARGV[5] or ARGV[6]
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'x', ARGV[3], 'ix', indexed, 's', ARGV[4], 'd', record)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[10], ARGV[2] .. '-0', 'e', ARGV[6])
-- flow and owner never change; they are written again so a process created before the listing indexes joins them
redis.call('HSET', KEYS[1], 'f', ARGV[14])
redis.call('ZADD', ARGV[12] .. ':a', ARGV[13], ARGV[11])
redis.call('ZADD', ARGV[12] .. ':f:' .. ARGV[14], ARGV[13], ARGV[11])
if ARGV[15] ~= '' then
  redis.call('HSET', KEYS[1], 'o', ARGV[15])
  redis.call('ZADD', ARGV[12] .. ':o:' .. ARGV[15], ARGV[13], ARGV[11])
end
-- answered idempotency records of the process live as long as the process: move their expiry with it
if redis.call('EXISTS', KEYS[3]) == 1 then
  local records = redis.call('HGETALL', KEYS[3])
  for i = 1, #records, 2 do
    local fingerprint, response = string.match(records[i + 1], '^%d+ ([^\n]*)\n(.*)$')
    if response and response ~= '' then
      redis.call('HSET', KEYS[3], records[i], ARGV[3] .. ' ' .. fingerprint .. '\n' .. response)
    end
  end
end
for i = 1, 3 do
  redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
redis.call('PUBLISH', ARGV[9], ARGV[6])
return {2, lower}
