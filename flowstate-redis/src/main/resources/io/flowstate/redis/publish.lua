-- Publishes an event that no commit produced (process.expired). KEYS[1] (the process hash) is not read:
-- it routes the call to the node owning the process's slot, the node that published the process's other
-- events, so in a cluster subscribers still receive one process's events in order.
-- KEYS: 1 process hash
-- ARGV: 1 event channel, 2 event blob
-- Returns the number of clients that received it on this node
return redis.call('PUBLISH', ARGV[1], ARGV[2])
