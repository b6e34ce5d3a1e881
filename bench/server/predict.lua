-- wrk script: POST one JSON body (read from the file given after "--") again and again; with a
-- second argument R, each connection paces itself to about R requests per second (for the soak).
-- Prints one RESULT line for bench/server.sh.
local rate = nil

function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = f:read("*a")
  f:close()
  if args[2] then
    rate = tonumber(args[2])
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  end
end

-- wrk's delay is in whole milliseconds: round the ideal gap up or down at random so that the
-- mean gap is right (the time a request takes is small next to it and left out).
function delay()
  if not rate then
    return 0
  end
  local gap = 1000 / rate
  local base = math.floor(gap)
  if math.random() < gap - base then
    return base + 1
  end
  return base
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
