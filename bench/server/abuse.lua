-- wrk script: malformed, oversized and otherwise wrong requests, in turn, until each thread has
-- had LIMIT answers (arguments after "--": the directory of bodies made by bench/server.sh, and
-- LIMIT). Prints the count of each status and one RESULT line.
local threads = {}
local cases = {}
local next_case = 1

function setup(thread)
  table.insert(threads, thread)
end

local function body(dir, name)
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function init(args)
  local dir = args[1]
  limit = tonumber(args[2])
  answered = 0
  statuses = {}
  local json = { ["Content-Type"] = "application/json" }
  local predict = "/v1/models/digits:predict"
  local good = body(dir, "one.json")
  cases = {
    wrk.format("POST", predict, json, '{"instances": [[1, 2,'),                  -- malformed JSON
    wrk.format("POST", predict, json, "hello"),                                  -- not JSON
    wrk.format("POST", predict, json, ""),                                       -- empty body
    wrk.format("POST", predict, { ["Content-Type"] = "text/plain" }, good),       -- 415
    wrk.format("POST", "/v1/models/nope:predict", json, good),                   -- 404
    wrk.format("GET", predict),                                                  -- 405
    wrk.format("POST", predict, json, '{"instances": [[1, 2, 3]]}'),             -- wrong length
    wrk.format("POST", predict, json, '{"instances": ["a sentence"]}'),          -- text
    wrk.format("POST", predict, json, '{"instances": [{"pixel_0_0": 1}]}'),      -- missing names
    wrk.format("POST", predict, json, '{"rows": []}'),                           -- unknown field
    wrk.format("POST", predict, json, body(dir, "deep.json")),                   -- nesting
    wrk.format("POST", predict, json, body(dir, "too-many.json")),               -- instances limit
    wrk.format("POST", predict, json, body(dir, "too-large.json")),              -- body limit
  }
end

function request()
  local r = cases[next_case]
  next_case = next_case % #cases + 1
  return r
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if answered >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts, answered, bad = {}, 0, 0
  for status, n in pairs(total) do
    table.insert(parts, status .. ":" .. n)
    answered = answered + n
    if status < 400 or status > 499 then
      bad = bad + n
    end
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("RESULT answered=%d not4xx=%d socket_errors=%d statuses=%s p99_ms=%.3f\n",
    answered, bad, e.connect + e.read + e.write + e.timeout, table.concat(parts, ","),
    latency:percentile(99) / 1000))
end
