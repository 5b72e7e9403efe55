-- The authorization code flow for bench/run.sh, as an application drives it for a user
-- already signed in to the provider: GET the authorization endpoint with the session
-- cookie (a 302 to the redirect URI with a code), then POST that code with the PKCE
-- verifier to the token endpoint (a 200 with the tokens). Run with as many connections
-- as threads (-t N -c N): the steps alternate on one connection.
--   BENCH_COOKIES    file: one Cookie header value per line (signed-in sessions)
--   BENCH_AUTHORIZE  the authorization endpoint's path (/oauth2/authorize)
--   BENCH_TOKEN      the token endpoint's path (/oauth2/token)
--   BENCH_CLIENT_ID, BENCH_REDIRECT  the confidential application
--   BENCH_BASIC      base64 of client id ":" secret (HTTP Basic)
--   BENCH_VERIFIER, BENCH_CHALLENGE  a PKCE pair (S256)
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local cookies, authorize, token_body_start, basic
local n, step, code = 0, "authorize", nil
ok, failed = 0, 0

function init(args)
   cookies = read_lines(os.getenv("BENCH_COOKIES"))
   local redirect = os.getenv("BENCH_REDIRECT")
   authorize = os.getenv("BENCH_AUTHORIZE") .. "?response_type=code&client_id="
      .. encode(os.getenv("BENCH_CLIENT_ID")) .. "&redirect_uri=" .. encode(redirect)
      .. "&scope=openid%20profile%20email&code_challenge=" .. os.getenv("BENCH_CHALLENGE")
      .. "&code_challenge_method=S256&nonce=bench&state="
   token_body_start = "grant_type=authorization_code&redirect_uri=" .. encode(redirect)
      .. "&code_verifier=" .. encode(os.getenv("BENCH_VERIFIER")) .. "&code="
   basic = "Basic " .. os.getenv("BENCH_BASIC")
   n = (id - 1) * 7919
end

function request()
   if step == "authorize" then
      n = n + 1
      return wrk.format("GET", authorize .. n, with_headers({ Cookie = cookies[1 + n % #cookies] }))
   end
   return wrk.format("POST", os.getenv("BENCH_TOKEN"), with_headers({
      Authorization = basic, ["Content-Type"] = "application/x-www-form-urlencoded",
      Accept = "application/json" }), token_body_start .. encode(code))
end

function response(status, headers, body)
   if step == "authorize" then
      code = (headers["Location"] or ""):match("[?&]code=([^&]+)")
      if status == 302 and code then
         -- The code arrives URL-encoded; the form body encodes it again.
         code = code:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
         step = "token"
      else
         failed = failed + 1
      end
      return
   end
   if status == 200 and body and body:match('"access_token"') then ok = ok + 1 else failed = failed + 1 end
   step = "authorize"
end

function done(summary, latency, requests)
   report_outcomes(summary, latency, "flows", "flow_failures", "flows_per_s")
end
