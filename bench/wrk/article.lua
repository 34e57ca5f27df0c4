-- wrk script: the article pages of the sample corpus in turn (ids 1-20), so the 2 s page cache
-- serves each page at most once per 2 s per id rather than one page for the whole run.
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/article/" .. ((i % 20) + 1))
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  requests %d  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.read + summary.errors.connect + summary.errors.timeout))
end
