-- wrk script: two-word searches, every URL unique (&n=) so no response comes from the page cache.
local words = {"observers","pledge","fund","ceasefire","%D0%BC%D0%B8%D0%BD%D0%B8%D1%81%D1%82","%D0%B3%D0%B0%D1%80%D0%B0%D0%BD%D1%82%D0%B8%D0%B8","reconstruction","Geneva","monitoring","donors","billion","talks","%D0%BD%D0%B0%D0%B1%D0%BB%D1%8E%D0%B4%D0%B0%D1%82%D0%B5%D0%BB%D0%B8","%D0%BA%D1%80%D0%B5%D0%B4%D0%B8%D1%82","mission","border","grain","energy","railway","conference","Kestria","aid","schools","power","water","roads","treaty","vote","summit","envoy","minister","bank","loan","tranche","euros","dollars","villages","access","troops","trust"}
local i = 0
request = function()
  i = i + 1
  local a = words[(i % #words) + 1]
  local b = words[((i * 7) % #words) + 1]
  return wrk.format("GET", "/?q=" .. a .. "%20" .. b .. "&n=" .. i)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  requests %d  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.read + summary.errors.connect + summary.errors.timeout))
end
