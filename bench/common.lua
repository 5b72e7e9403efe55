-- Shared by the wrk scripts of bench/run.sh: reading the input files that run.sh writes,
-- giving each wrk thread its own id, and printing one machine-readable result line.

threads = {}
local next_id = 0

-- Runs in wrk's main Lua state once per thread, before the threads start.
function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

function read_lines(file)
   local lines = {}
   for line in io.lines(file) do
      if line ~= "" then lines[#lines + 1] = line end
   end
   if #lines == 0 then error(file .. " is empty") end
   return lines
end

-- wrk.format uses wrk.headers (the -H options) only when it is given no headers, so
-- per-request headers start from a copy of them.
function with_headers(extra)
   local headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   for k, v in pairs(extra) do headers[k] = v end
   return headers
end

-- One line that run.sh parses; latency in milliseconds. "errors" counts connection
-- errors, timeouts and HTTP statuses >= 400.
function report(summary, latency, extra)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f errors=%d%s\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      e.connect + e.read + e.write + e.status + e.timeout, extra or ""))
end

-- The report of a script whose threads count "ok" and "failed" outcomes (logins, flows):
-- the totals and the rate of successes, under the given names.
function report_outcomes(summary, latency, ok_name, failed_name, rate_name)
   local ok_total, failed_total = 0, 0
   for _, thread in ipairs(threads) do
      ok_total = ok_total + thread:get("ok")
      failed_total = failed_total + thread:get("failed")
   end
   report(summary, latency, string.format(" %s=%d %s=%d %s=%.2f", ok_name, ok_total, failed_name, failed_total,
      rate_name, ok_total / (summary.duration / 1e6)))
end

-- Percent-encoding for form bodies and query strings.
function encode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
