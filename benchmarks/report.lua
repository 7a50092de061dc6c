-- wrk script: counts every response whose status is not the expected one and prints one JSON line at the end.
-- Used by benchmarks/run.py:  wrk -s benchmarks/report.lua --latency ... <url> -- <expected status, default 200>

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  expected = tonumber(args[1]) or 200
  unexpected = 0
  statuses = {}
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  local seen = {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    for status, count in pairs(thread:get("statuses")) do
      seen[status] = (seen[status] or 0) + count
    end
  end
  local listed = {}
  for status, count in pairs(seen) do
    listed[#listed + 1] = string.format('"%d":%d', status, count)
  end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"unexpected":%d,"unexpected_statuses":{%s},"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    bad, table.concat(listed, ","), summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
