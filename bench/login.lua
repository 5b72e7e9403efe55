-- Form logins for bench/run.sh: each login is what a browser does, GET /login (new
-- session, CSRF token in the form) then POST /login with that cookie and token; a success
-- is a 302 to /profile. Run with as many connections as threads (-t N -c N): the two
-- steps must alternate on one connection, and wrk's callbacks do not say which of a
-- thread's connections a response came from.
--   BENCH_LOGINS    file: one username per line (active users sharing one password)
--   BENCH_PASSWORD  their password
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local users, password
local n, step, cookie, token = 0, "page", nil, nil
ok, failed = 0, 0

function init(args)
   users = read_lines(os.getenv("BENCH_LOGINS"))
   password = os.getenv("BENCH_PASSWORD")
   n = (id - 1) * 7919
end

function request()
   if step == "page" then
      return wrk.format("GET", "/login", with_headers({ Accept = "text/html" }))
   end
   n = n + 1
   local body = "username=" .. encode(users[1 + n % #users]) .. "&password=" .. encode(password)
      .. "&_csrf=" .. encode(token)
   return wrk.format("POST", "/login", with_headers({
      Cookie = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }), body)
end

function response(status, headers, body)
   if step == "page" then
      cookie = (headers["Set-Cookie"] or ""):match("^([^;]+)")
      token = body and body:match('name="_csrf" value="([^"]+)"')
      if cookie and token then step = "login" else failed = failed + 1 end
      return
   end
   if status == 302 and (headers["Location"] or ""):match("/profile$") then
      ok = ok + 1
   else
      failed = failed + 1
   end
   step = "page"
end

function done(summary, latency, requests)
   report_outcomes(summary, latency, "logins", "login_failures", "logins_per_s")
end
