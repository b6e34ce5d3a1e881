-- wrk script: POST one JSON body (read from the file given after "--") as fast as the connections
-- allow, and print one RESULT line for bench/server.sh. It defines no response() or delay(): with
-- either, wrk hands every response's headers and body to Lua (a 16 KB string per 100-instance
-- answer), which spent the load generator's CPU, on the same two cores, instead of the server's.
-- The paced soak uses predict.lua.
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = f:read("*a")
  f:close()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
