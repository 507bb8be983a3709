-- Drops a listing index entry whose process is gone (its keys reached their Redis TTL before the sweeper came),
-- unless the process exists again. See docs/redis.md.
-- KEYS: 1 process hash, 2 listing index (same slot)
-- ARGV: 1 member (the process id)
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.call('ZREM', KEYS[2], ARGV[1])
end
return 0
