-- wrk script: POST the file $BENCH_BODY as $BENCH_TYPE; with $BENCH_DELAY_MS, each connection waits that long
-- between requests, which holds the load at a chosen rate (connections * 1000 / delay requests per second).
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = file:read("*all")
file:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = os.getenv("BENCH_TYPE")

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, summary.requests))
end
