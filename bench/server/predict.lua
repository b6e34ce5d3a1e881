-- wrk script: POST one JSON body (read from the file given after "--") again and again. With a
-- second argument R, each thread paces its connections to about R requests per second in all
-- (for the soak). Prints one RESULT line for bench/server.sh.
local target = nil
local gap = 0         -- mean pause before each request of a connection, in ms (fractional)
local window_start = 0
local window_count = 0

function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = f:read("*a")
  f:close()
  if args[2] then
    target = tonumber(args[2])
    gap = 1000 * tonumber(args[3]) / target -- args[3]: connections of this thread
    window_start = os.time()
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  end
end

-- wrk's delay is in whole milliseconds and its timers fire late, so the pause is steered: once a
-- second the gap is scaled by achieved/target rate, and each pause is the gap rounded up or down
-- at random so that the mean is right.
function delay()
  if not target then
    return 0
  end
  local base = math.floor(gap)
  if math.random() < gap - base then
    return base + 1
  end
  return base
end

function response(status, headers, body)
  if not target then
    return
  end
  window_count = window_count + 1
  local now = os.time()
  if now > window_start then
    local achieved = window_count / (now - window_start)
    local factor = achieved / target
    factor = math.max(0.7, math.min(1.3, factor))
    gap = math.max(0, gap * factor)
    window_start = now
    window_count = 0
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
