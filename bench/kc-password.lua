-- Keycloak's own password sign-in for bench/run.sh: one POST to its token endpoint with
-- grant_type=password (a confidential client, HTTP Basic), as Keycloak's figures are
-- usually quoted. A success is a 200 with the tokens.
--   BENCH_LOGINS    file: one username per line (users sharing one password)
--   BENCH_PASSWORD  their password
--   BENCH_TOKEN     the token endpoint's path
--   BENCH_BASIC     base64 of client id ":" secret
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local users, password, path, basic
local n = 0
ok, failed = 0, 0

function init(args)
   users = read_lines(os.getenv("BENCH_LOGINS"))
   password = os.getenv("BENCH_PASSWORD")
   path = os.getenv("BENCH_TOKEN")
   basic = os.getenv("BENCH_BASIC")
   n = (id - 1) * 7919
end

function request()
   n = n + 1
   local body = "grant_type=password&scope=openid&username=" .. encode(users[1 + n % #users])
      .. "&password=" .. encode(password)
   return wrk.format("POST", path, with_headers({
      Authorization = "Basic " .. basic, ["Content-Type"] = "application/x-www-form-urlencoded" }), body)
end

function response(status, headers, body)
   if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
   report_outcomes(summary, latency, "logins", "login_failures", "logins_per_s")
end
