-- GET load over a list of paths, for bench/run.sh.
--   BENCH_PATHS    file: one path per line, optionally followed by a tab and an ETag that
--                  is sent as If-None-Match (the 304 benchmark)
--   BENCH_COOKIES  file (optional): one Cookie header value per line; requests take them
--                  in turn, so the load is spread over several signed-in sessions as real
--                  traffic is, instead of queueing on one session row in the database
--   BENCH_TOKENS   file (optional): one API token per line, sent in turn as
--                  Authorization: Bearer (the same requests signed in by token instead)
-- Other headers (Accept) come from wrk's -H options.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local paths, cookies, tokens
local n = 0

function init(args)
   paths = {}
   for _, line in ipairs(read_lines(os.getenv("BENCH_PATHS"))) do
      local path, etag = line:match("^([^\t]+)\t?(.*)$")
      paths[#paths + 1] = { path = path, etag = (etag ~= "") and etag or nil }
   end
   local cookie_file = os.getenv("BENCH_COOKIES")
   cookies = (cookie_file and cookie_file ~= "") and read_lines(cookie_file) or {}
   local token_file = os.getenv("BENCH_TOKENS")
   tokens = (token_file and token_file ~= "") and read_lines(token_file) or {}
   -- Threads start at different places in the lists rather than in lockstep.
   n = (id - 1) * 7919
end

function request()
   n = n + 1
   local p = paths[1 + n % #paths]
   local extra = {}
   if #cookies > 0 then extra["Cookie"] = cookies[1 + n % #cookies] end
   if #tokens > 0 then extra["Authorization"] = "Bearer " .. tokens[1 + n % #tokens] end
   if p.etag then extra["If-None-Match"] = p.etag end
   return wrk.format("GET", p.path, with_headers(extra))
end

function done(summary, latency, requests)
   report(summary, latency)
end
