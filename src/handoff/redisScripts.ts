import { LuaScript } from '../state/redisConnection';

/*
 * The handoff transitions, one Lua script each, so racing instances can never both apply one. Every
 * script gets the key base ("<prefix>{handoff}:") as ARGV[1]: all handoff keys share the {handoff} hash
 * tag, so they sit on one Redis Cluster slot and a script may touch any of them. KEYS[1] is the queue,
 * which routes the call to that slot. Times are epoch ms passed in, so every instance agrees on "now".
 */
const PRELUDE = `
local B = ARGV[1]
local TRANSCRIPT_TTL = tonumber(ARGV[2])
local function h(id) return B .. 'h:' .. id end
-- A transcript line: f = who, t = text, m = the rest as JSON; its time is the entry id's: now, or
-- \`at\` (epoch ms) for a line said before, but never before the transcript's last line.
local function add(conv, from, text, meta, at)
  local id = '*'
  if at then
    local last = redis.call('XREVRANGE', B .. 't:' .. conv, '+', '-', 'COUNT', 1)[1]
    local ms = math.max(tonumber(at), last and tonumber(string.match(last[1], '^%d+')) or 0)
    id = string.format('%d-*', ms)
  end
  local args = {'XADD', B .. 't:' .. conv, 'MAXLEN', '~', '1000', id, 'f', from}
  if text ~= '' then table.insert(args, 't'); table.insert(args, text) end
  if meta ~= '' then table.insert(args, 'm'); table.insert(args, meta) end
  local id = redis.call(unpack(args))
  redis.call('EXPIRE', B .. 't:' .. conv, TRANSCRIPT_TTL)
  return id
end
local function system(event, agent)
  return cjson.encode({event = event, agent = agent})
end
local function wake() redis.call('PUBLISH', B .. 'wake', '1') end
local function finish(id, reason, now, meta, retention)
  local key = h(id)
  local f = redis.call('HMGET', key, 'conversationId', 'agent')
  redis.call('HSET', key, 'state', 'ended', 'endReason', reason, 'endedAt', now)
  redis.call('HINCRBY', key, 'version', 1)
  redis.call('HDEL', key, 'told')
  redis.call('ZREM', B .. 'queue', id)
  if f[2] then redis.call('SREM', B .. 'owned:' .. f[2], id) end
  if redis.call('GET', B .. 'active:' .. f[1]) == id then redis.call('DEL', B .. 'active:' .. f[1]) end
  redis.call('EXPIRE', key, retention)
  add(f[1], 'system', '', meta)
end
`;

const script = (body: string) => new LuaScript(PRELUDE + body);

/** The key base every handoff script is given (ARGV[1]): the prefix and the {handoff} hash tag. */
export function handoffKeyBase(prefix: string): string {
  return `${prefix}{handoff}:`;
}

/** ARGV: base, transcriptTtl, ttl, id, kind, conversationId, now, reference, context */
export const ENQUEUE = script(`
local ttl, id, kind, conv, now = ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
if kind == 'chat' then
  local open = redis.call('GET', B .. 'active:' .. conv)
  if open then
    local f = redis.call('HMGET', h(open), 'state', 'agent')
    if f[1] == 'queued' or f[1] == 'assigned' then return {0, f[1], f[2] or ''} end
  end
end
redis.call('HSET', h(id), 'id', id, 'kind', kind, 'conversationId', conv, 'state', 'queued', 'version', 1,
  'enqueuedAt', now, 'queuedAt', now, 'reference', ARGV[8], 'context', ARGV[9])
redis.call('EXPIRE', h(id), ttl)
if kind == 'chat' then redis.call('SET', B .. 'active:' .. conv, id, 'EX', ttl) end
redis.call('ZADD', B .. 'queue', now, id)
add(conv, 'system', '', system(kind == 'chat' and 'queued' or 'callback'))
wake()
return {1, redis.call('HGETALL', h(id))}
`);

/** ARGV: base, transcriptTtl, id, agent, now */
export const CLAIM = script(`
local id, agent, now = ARGV[3], ARGV[4], ARGV[5]
local key = h(id)
local f = redis.call('HMGET', key, 'state', 'agent', 'conversationId', 'firstClaimedAt')
if f[1] ~= 'queued' then return {0, f[1] or 'missing', f[2] or ''} end
redis.call('HSET', key, 'state', 'assigned', 'agent', agent, 'claimedAt', now)
if not f[4] then redis.call('HSET', key, 'firstClaimedAt', now) end
redis.call('HINCRBY', key, 'version', 1)
redis.call('ZREM', B .. 'queue', id)
redis.call('SADD', B .. 'owned:' .. agent, id)
add(f[3], 'system', '', system('claimed', agent))
wake()
return {1, redis.call('HGETALL', key)}
`);

/** ARGV: base, transcriptTtl, id, clientId ('' = none), from, agent ('' = none), text, meta JSON ('' = none) */
export const POST = script(`
local id, clientId, from, agent, text, meta = ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local ids = B .. 'ids:' .. id
if clientId ~= '' then
  local seen = redis.call('HGET', ids, clientId)
  if seen then
    if string.sub(seen, -2) == '|d' then return {2, string.sub(seen, 1, -3), 1} end
    return {2, seen, 0}
  end
end
local f = redis.call('HMGET', h(id), 'state', 'agent', 'conversationId')
local allowed
if from == 'agent' then allowed = f[1] == 'assigned' and f[2] == agent else allowed = f[1] == 'queued' or f[1] == 'assigned' end
if not allowed then return {0, f[1] or 'missing', f[2] or ''} end
local eid = add(f[3], from, text, meta)
if clientId ~= '' then
  redis.call('HSET', ids, clientId, eid)
  redis.call('EXPIRE', ids, TRANSCRIPT_TTL)
end
redis.call('HINCRBY', h(id), 'version', 1)
wake()
return {1, eid}
`);

/** ARGV: base, transcriptTtl, id, clientId */
export const MARK_DELIVERED = script(`
local ids = B .. 'ids:' .. ARGV[3]
local seen = redis.call('HGET', ids, ARGV[4])
if seen and string.sub(seen, -2) ~= '|d' then redis.call('HSET', ids, ARGV[4], seen .. '|d') end
return 1
`);

/** ARGV: base, transcriptTtl, retention, id, reason, allowed states (comma-separated), owner ('' = any), system line meta JSON, now */
export const END = script(`
local retention, id, reason, states, owner, meta, now = ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local f = redis.call('HMGET', h(id), 'state', 'agent')
if not f[1] or not string.find(',' .. states .. ',', ',' .. f[1] .. ',', 1, true) or (owner ~= '' and f[2] ~= owner) then
  return {0, f[1] or 'missing', f[2] or ''}
end
finish(id, reason, now, meta, retention)
wake()
return {1, redis.call('HGETALL', h(id))}
`);

/** ARGV: base, transcriptTtl, retention, now, heartbeat timeout ms, max wait ms */
export const SWEEP = script(`
local retention, now, beat, maxWait = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local requeued, timedOut = {}, {}
for _, agent in ipairs(redis.call('ZRANGEBYSCORE', B .. 'agents', '-inf', now - beat)) do
  redis.call('ZREM', B .. 'agents', agent)
  for _, id in ipairs(redis.call('SMEMBERS', B .. 'owned:' .. agent)) do
    local key = h(id)
    local f = redis.call('HMGET', key, 'state', 'agent', 'conversationId', 'enqueuedAt')
    if f[1] == 'assigned' and f[2] == agent then
      redis.call('HSET', key, 'state', 'queued', 'queuedAt', now)
      redis.call('HDEL', key, 'agent', 'claimedAt', 'told')
      redis.call('HINCRBY', key, 'version', 1)
      redis.call('ZADD', B .. 'queue', f[4], id)
      add(f[3], 'system', '', system('requeued', agent))
      table.insert(requeued, id)
    end
  end
  redis.call('DEL', B .. 'owned:' .. agent)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', B .. 'queue', '-inf', now - maxWait)) do
  local f = redis.call('HMGET', h(id), 'state', 'kind', 'queuedAt')
  if not f[1] then
    redis.call('ZREM', B .. 'queue', id)
  elseif f[1] == 'queued' and f[2] == 'chat' and tonumber(f[3]) <= now - maxWait then
    finish(id, 'timeout', now, system('timeout'), retention)
    table.insert(timedOut, id)
  end
end
if #requeued + #timedOut > 0 then wake() end
return {requeued, timedOut}
`);

/** ARGV: base, transcriptTtl. Returns id, position pairs for queued chats whose position changed. */
export const POSITIONS = script(`
local out, n = {}, 0
for _, id in ipairs(redis.call('ZRANGE', B .. 'queue', 0, -1)) do
  local f = redis.call('HMGET', h(id), 'kind', 'told', 'state')
  if f[1] == 'chat' and f[3] == 'queued' then
    n = n + 1
    if f[2] ~= tostring(n) then
      redis.call('HSET', h(id), 'told', n)
      table.insert(out, id)
      table.insert(out, n)
    end
  end
end
return out
`);

/** ARGV: base, transcriptTtl, id, score */
export const RATE = script(`
if redis.call('HGET', h(ARGV[3]), 'state') ~= 'ended' then return 0 end
return redis.call('HSETNX', h(ARGV[3]), 'csat', ARGV[4])
`);

/** ARGV: base, transcriptTtl, conversationId, then at, from, text, meta for each line */
export const LOG = script(`
for i = 4, #ARGV, 4 do add(ARGV[3], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i]) end
return 1
`);
