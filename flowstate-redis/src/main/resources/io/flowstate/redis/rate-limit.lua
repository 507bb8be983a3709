-- A token bucket per client, shared by every instance. KEYS[1] the client's bucket (a hash: n tokens, t last
-- refill in microseconds of Redis's clock, so instances with skewed clocks still share one budget).
-- ARGV[1] tokens per second, ARGV[2] burst (the bucket's size).
-- Returns {1, 0} when a token was taken, else {0, microseconds until the bucket holds a token again}.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local bucket = redis.call('HMGET', KEYS[1], 'n', 't')
local tokens = tonumber(bucket[1])
local last = tonumber(bucket[2])
if tokens == nil or last == nil then
  tokens = burst
  last = now
end
if now > last then
  tokens = math.min(burst, tokens + (now - last) * rate / 1000000)
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000000 / rate)
end
redis.call('HSET', KEYS[1], 'n', string.format('%.6f', tokens), 't', string.format('%d', now))
-- a full bucket holds nothing worth keeping: the key goes once it would have refilled, plus a second
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, wait}
