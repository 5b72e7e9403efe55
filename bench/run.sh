#!/usr/bin/env bash
# Roster's benchmark harness; docs/PERFORMANCE.md explains the figures and their limits.
#
#   bench/run.sh           full run: 10 000, 100 000 and 1 000 000 users, 5 runs a figure
#   bench/run.sh --quick   smoke check: 10 000 users, one short run a figure
#
# It lets ./manage build and unpack the application if needed, creates the PostgreSQL database roster_bench
# (dropping an old one), starts Roster on it with the "bench" profile (throttling off,
# embedded FTP server), seeds users with SQL, drives the load with wrk on loopback and
# prints a Markdown table. The table, wrk's raw output, the server log and EXPLAIN plans
# stay in bench/results/<date-time>/; the database stays too, for inspection.
#
# Settings (environment): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres),
# PGPASSWORD, BENCH_DB (roster_bench), BENCH_RUNS, BENCH_DURATION (seconds per run),
# BENCH_STARTS (start-up measurements), BENCH_CONNECTIONS (throughput concurrency, 16).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

mode=full
for arg in "$@"; do
	case "$arg" in
	--quick) mode=quick ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench: unknown option '$arg' (try --help)" >&2; exit 2 ;;
	esac
done

if [ "$mode" = quick ]; then
	sizes=(10000)
	runs=${BENCH_RUNS:-1}
	duration=${BENCH_DURATION:-4}
	starts=${BENCH_STARTS:-1}
else
	sizes=(10000 100000 1000000)
	runs=${BENCH_RUNS:-5}
	duration=${BENCH_DURATION:-10}
	starts=${BENCH_STARTS:-5}
fi
connections=${BENCH_CONNECTIONS:-16}
cores=$(nproc)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db=${BENCH_DB:-roster_bench}
# Every seeded user shares this password (and the hash the application computed for it);
# it only has to pass the strength check once, for the admin created through ./manage.
password='Bench-Roster-horse-battery-2026'
admin=benchadmin

log() { echo "bench: $*" >&2; }
die() {
	echo "bench: error: $*" >&2
	exit 1
}

# ---------------------------------------------------------------------------------------
# Tools: fail at once, with the fix, rather than half-way through a 15-minute run.
need() {
	command -v "$1" >/dev/null 2>&1 || die "'$1' is missing: $2"
}
need java "install a JDK 17 or later (apt-get install -y openjdk-17-jdk-headless)"
need javac "install a JDK, not only a JRE (apt-get install -y openjdk-17-jdk-headless)"
need psql "install the PostgreSQL client (apt-get install -y postgresql-client)"
need curl "apt-get install -y curl"
need wrk "apt-get install -y wrk"
need jq "apt-get install -y jq"
need openssl "apt-get install -y openssl"
for tool in awk sed grep sort date nproc; do need "$tool" "install coreutils/sed/grep/gawk"; done

results="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-$mode"
mkdir -p "$results/wrk" "$results/explain" "$results/inputs"
log "mode $mode: ${sizes[*]} users, $runs run(s) of ${duration}s a figure; output in $results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------
# The server this script starts, stopped on any exit (error, Ctrl+C, kill) so no JVM is
# left holding the database or a port.
server_pid=""
stop_server() {
	[ -n "$server_pid" ] || return 0
	if kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "$server_pid" 2>/dev/null || true
	fi
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
}
trap 'stop_server' EXIT
# An interrupted run still goes through the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# The jar and its unpacked copy with the start-up archive, made by ./manage itself before
# any timing (otherwise the first start-up measurement would include them). The unpacked
# class path also serves to time the application's PasswordEncoder outside the server.
log "building and unpacking the application if needed (./manage --help)"
"$root/manage" --help >/dev/null || die "./manage could not build or run the application (see above)"
classpath="$root/target/roster-app/roster.jar:$root/target/roster-app/lib/*"
javac -nowarn -cp "$classpath" -d "$results/classes" "$bench/HashTiming.java"

# ---------------------------------------------------------------------------------------
# PostgreSQL: started if down (the machines' cluster), then a fresh database.
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
if ! psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1; then
	command -v pg_ctlcluster >/dev/null 2>&1 ||
		die "PostgreSQL does not answer on $PGHOST:$PGPORT and pg_ctlcluster is missing"
	log "starting PostgreSQL"
	pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | awk 'NR == 1')" main start
	for _ in $(seq 1 60); do
		psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1 && break
		sleep 0.5
	done
	psql -X -q -d postgres -c 'select 1' >/dev/null || die "PostgreSQL did not start"
fi
log "creating database $db"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
	-c "CREATE DATABASE $db" >/dev/null

# How the server and ./manage reach it. The bench profile (bench/application-bench.properties)
# switches throttling off; ROSTER_DATA_DIR keeps the embedded FTP server's files with the
# results.
export SPRING_PROFILES_ACTIVE=bench
export SPRING_CONFIG_ADDITIONAL_LOCATION="optional:file:$bench/"
export SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db"
export SPRING_DATASOURCE_USERNAME="$PGUSER"
export SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
export ROSTER_DATA_DIR="$results/data"

# The schema and the admin come from the application itself (migrations, argon2id hash).
log "creating the admin through ./manage db create_admin"
echo "$password" | "$root/manage" db create_admin --username "$admin" --email "$admin@bench.example" \
	--password-stdin >"$results/create_admin.log" 2>&1 || {
	cat "$results/create_admin.log" >&2
	die "create_admin failed"
}
hash=$(sql -At -c "select password_hash from users where username_key = '$admin'")
[ -n "$hash" ] || die "the admin's password hash was not found"

# Figures: every run's value is kept under a name; the table shows the median and range.
declare -A values=() errors=()
record() { # $1: figure, $2: value
	values[$1]="${values[$1]:-} $2"
}
record_errors() { # $1: figure, $2: BENCH line
	local e
	e=$(field "$2" errors)
	errors[$1]=$((${errors[$1]:-0} + e))
	[ "$e" = 0 ] || log "warning: $e failed requests in $1"
}
stat_of() { # $1: figure, $2: median|min|max
	tr ' ' '\n' <<<"${values[$1]:-}" | awk 'NF' | sort -g | awk -v want="$2" '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "n/a"; exit }
			if (want == "min") print v[1]
			else if (want == "max") print v[NR]
			else if (NR % 2) print v[(NR + 1) / 2]
			else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

# ---------------------------------------------------------------------------------------
# Start-up. Port 0: the server takes a free port and logs it, so a busy machine's other
# servers can never answer in its place.
base=""
start_server() { # $1: log file. Sets server_pid and base; returns when /login answers 200.
	# Made here, not by the background job's redirection, which may come after the first
	# read below (sed on a missing file fails, and set -e ends the run).
	: >"$1"
	"$root/manage" runserver --port 0 --host 127.0.0.1 >"$1" 2>&1 &
	server_pid=$!
	local deadline=$((SECONDS + 300)) port=""
	while [ -z "$port" ]; do
		kill -0 "$server_pid" 2>/dev/null || {
			tail -40 "$1" >&2
			die "the server stopped during start-up (log: $1)"
		}
		[ "$SECONDS" -lt "$deadline" ] || die "the server did not start within 300 s (log: $1)"
		port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$1")
		[ -n "$port" ] || sleep 0.02
	done
	base="http://127.0.0.1:$port"
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/login")" = 200 ]; do
		kill -0 "$server_pid" 2>/dev/null || die "the server stopped (log: $1)"
		[ "$SECONDS" -lt "$deadline" ] || die "/login did not answer 200 within 300 s (log: $1)"
		sleep 0.02
	done
}

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

for i in $(seq 1 "$starts"); do
	t0=$(now_ms)
	start_server "$results/server-start-$i.log"
	t1=$(now_ms)
	# Idle: whatever the application still does after its first answer has settled.
	sleep 5
	seconds=$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", ms / 1000 }')
	rss=$(rss_mb)
	record startup "$seconds"
	record idle_rss "$rss"
	log "start-up $i/$starts: $seconds s, $rss MB resident when idle"
	stop_server
done

log "starting the server for the load tests"
start_server "$results/server.log"

# ---------------------------------------------------------------------------------------
# Sessions and requests.
cookie_of() { # $1: curl cookie jar → NAME=value of the session cookie
	awk -F'\t' '$6 == "ROSTER_SESSION" { print $6 "=" $7 }' "$1"
}
# awk, not head: head would close the pipe early, and pipefail would count that as a failure.
form_token() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | awk 'NR == 1'; }
meta_token() { sed -n 's/.*<meta name="_csrf" content="\([^"]*\)".*/\1/p' | awk 'NR == 1'; }

sign_in() { # $1: username; $2: cookie jar to fill
	local token outcome
	token=$(curl -s -c "$2" "$base/login" | form_token)
	outcome=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$2" -c "$2" \
		--data-urlencode "username=$1" --data-urlencode "password=$password" \
		--data-urlencode "_csrf=$token" "$base/login")
	# An admin lands on the dashboard, a user on the profile.
	[[ "$outcome" == "302 "*/profile || "$outcome" == "302 "*/dashboard ]] || die "signing in as $1 failed: $outcome"
}

# Several admin sessions: every signed-in request reads and updates its session row, and
# one session shared by all connections would measure lock waits on that row instead.
: >"$results/inputs/admin-cookies.txt"
for i in $(seq 1 8); do
	sign_in "$admin" "$results/inputs/admin-$i.jar"
	cookie_of "$results/inputs/admin-$i.jar" >>"$results/inputs/admin-cookies.txt"
done
admin_jar="$results/inputs/admin-1.jar"

expect_status() { # $1: expected status; $2...: curl arguments
	local expected=$1 status
	shift
	status=$(curl -s -o /dev/null -w '%{http_code}' "$@")
	[ "$status" = "$expected" ] || die "expected $expected from curl $*, got $status"
}

# CPU time of the server and of its database backends, in clock ticks, as "pid ticks"
# lines. wrk's rates depend on what else the machine runs; the CPU spent per request
# much less so, and cores ÷ that cost is what the route could serve on an idle machine.
cpu_snapshot() {
	local pid
	# With its children: Keycloak's kc.sh runs java as a child process.
	for pid in "$server_pid" $(pgrep -P "$server_pid") $(psql -X -At -d postgres -c \
		"select pid from pg_stat_activity where datname = '$db'"); do
		# Fields 14 and 15: user and system time. (The command name in field 2 is
		# "(java)" or "(postgres)", without spaces.)
		awk -v pid="$pid" '{ print pid, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
	done
}
ticks_per_s=$(getconf CLK_TCK)
cpu_ms_between() { # $1, $2: snapshots → milliseconds used in between (new processes count from 0)
	awk -v hz="$ticks_per_s" 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] }
		END { printf "%.0f", used * 1000 / hz }' <(echo "$1") <(echo "$2")
}

# wrk, one run: prints the BENCH line of bench/common.lua with " cpu_ms=" appended (the
# server's and its backends' CPU time during the run). Raw output is kept per figure.
wrk_run() { # $1: name, $2: script, $3: threads, $4: connections, $5: seconds, then wrk options
	local name=$1 script=$2 threads=$3 conns=$4 seconds=$5 line before after
	shift 5
	before=$(cpu_snapshot)
	{
		echo "## $(date -u +%H:%M:%S) wrk -t$threads -c$conns -d${seconds}s $*"
		BENCH_DIR="$bench" wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s \
			-s "$bench/$script" "$@" "$base" 2>&1
	} >>"$results/wrk/$name.txt" || die "wrk failed for $name (see $results/wrk/$name.txt)"
	after=$(cpu_snapshot)
	line=$(grep '^BENCH ' "$results/wrk/$name.txt" | tail -1)
	[ -n "$line" ] || die "no result from wrk for $name (see $results/wrk/$name.txt)"
	echo "$line cpu_ms=$(cpu_ms_between "$before" "$after")"
}
# CPU milliseconds per unit of work (request or login) from a BENCH line.
cpu_per() { # $1: BENCH line, $2: units
	awk -v cpu="$(field "$1" cpu_ms)" -v n="$2" 'BEGIN { printf "%.3f", (n > 0) ? cpu / n : 0 }'
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# ---------------------------------------------------------------------------------------
# The admin list at each size. The queries below are those of UserDirectory.find (the
# count, then the page), for the EXPLAIN plans kept with the results.
list_select="select u.id, u.username, u.email, u.role, u.status, u.failed_logins, u.locked_until,
  u.created_at, u.last_login_at, u.version, p.full_name, p.image
  from users u left join user_profiles p on p.user_id = u.id"
list_where() { # $1: q ('' for none)
	[ -n "$1" ] || return 0
	echo " where u.id in (select id from users where username_key like '$1%' escape '\\'
	  union select id from users where email like '$1%' escape '\\'
	  union select user_id from user_profiles where full_name_key like '$1%' escape '\\')"
}
explain_list() { # $1: size, $2: variant name, $3: q
	local where
	where=$(list_where "$3")
	{
		echo "-- count, $1 users, q='$3'"
		sql -c "explain (analyze, buffers) select count(*) from users u$where"
		echo "-- page, $1 users, q='$3'"
		sql -c "explain (analyze, buffers) $list_select$where
		  order by u.created_at desc nulls last, u.id desc limit 20 offset 0"
	} >"$results/explain/list-$1-$2.txt" 2>&1
}

# Name, then q: none; one first-and-last-name pair (n/4 096 matches); a first name (n/64).
list_variants=("all:" "name:olivia.ga" "firstname:olivia")
seeded=0
for size in "${sizes[@]}"; do
	log "seeding users $((seeded + 1))-$size"
	sql -v lo=$((seeded + 1)) -v hi="$size" -v hash="$hash" -f "$bench/seed.sql" >/dev/null
	# Fresh statistics for the planner and visibility maps for index-only scans, as a
	# database that has lived with its rows would have.
	sql -c "vacuum (analyze) users" -c "vacuum (analyze) user_profiles" >/dev/null
	seeded=$size
	for variant in "${list_variants[@]}"; do
		name=${variant%%:*}
		q=${variant#*:}
		path="/user_list${q:+?q=$q}"
		explain_list "$size" "$name" "$q"
		echo "$path" >"$results/inputs/list-$name.txt"
		expect_status 200 -H 'Accept: application/json' -b "$admin_jar" "$base$path"
		export BENCH_PATHS="$results/inputs/list-$name.txt" BENCH_COOKIES="$results/inputs/admin-cookies.txt"
		# Warm-up: JIT, connection pool, PostgreSQL's cache.
		wrk_run "warmup" paths.lua 1 1 3 -H 'Accept: application/json' >/dev/null
		for r in $(seq 1 "$runs"); do
			# One client: the latency of a request, not of a queue.
			line=$(wrk_run "list-$size-$name" paths.lua 1 1 "$duration" -H 'Accept: application/json')
			record "list-$size-$name-p50" "$(field "$line" p50_ms)"
			record "list-$size-$name-p95" "$(field "$line" p95_ms)"
			record "list-$size-$name-rps" "$(field "$line" rps)"
			record "list-$size-$name-cpu" "$(cpu_per "$line" "$(field "$line" requests)")"
			record_errors "list-$size-$name" "$line"
		done
		log "/user_list${q:+?q=$q} at $size users: p50 $(stat_of "list-$size-$name-p50" median) ms," \
			"p95 $(stat_of "list-$size-$name-p95" median) ms"
	done
done
size=$seeded

# ---------------------------------------------------------------------------------------
# The activity log and the dashboard at $events events (10 million in a full run), seeded
# with SQL: the log's page newest first, one user's events, one action's, and the
# dashboard's figures, each with one client.
events=${BENCH_EVENTS:-$([ "$mode" = quick ] && echo 100000 || echo 10000000)}
log "seeding $events activity events"
sql -v n="$events" -v users="$size" -f "$bench/seed-events.sql" >/dev/null
sql -c "vacuum (analyze) audit_events" -c "vacuum (analyze) audit_daily" -c "vacuum (analyze) audit_daily_failures" >/dev/null
sql -At -c "select '/activity?user=' || username from users where id > 1000 and id % $((size / 100)) = 0 limit 100" \
	>"$results/inputs/activity-user.txt"
echo /activity >"$results/inputs/activity-all.txt"
echo '/activity?action=sign-in&outcome=failure' >"$results/inputs/activity-failures.txt"
echo /dashboard >"$results/inputs/dashboard.txt"
{
	echo "-- the newest page"
	sql -c "explain (analyze, buffers) select * from audit_events order by occurred_at desc, id desc fetch first 51 rows only"
	echo "-- one user's newest page"
	sql -c "explain (analyze, buffers) select * from audit_events where target_id = 1001 + $size / 2
	  order by occurred_at desc, id desc fetch first 51 rows only"
} >"$results/explain/activity.txt" 2>&1
activity_variants=("activity-all" "activity-user" "activity-failures" "dashboard")
for name in "${activity_variants[@]}"; do
	expect_status 200 -H 'Accept: application/json' -b "$admin_jar" "$base$(awk 'NR == 1' "$results/inputs/$name.txt")"
	export BENCH_PATHS="$results/inputs/$name.txt" BENCH_COOKIES="$results/inputs/admin-cookies.txt"
	wrk_run "warmup" paths.lua 1 1 3 -H 'Accept: application/json' >/dev/null
	for r in $(seq 1 "$runs"); do
		line=$(wrk_run "$name" paths.lua 1 1 "$duration" -H 'Accept: application/json')
		record "$name-p50" "$(field "$line" p50_ms)"
		record "$name-p95" "$(field "$line" p95_ms)"
		record "$name-cpu" "$(cpu_per "$line" "$(field "$line" requests)")"
		record_errors "$name" "$line"
	done
	log "$name at $events events: p50 $(stat_of "$name-p50" median) ms, p95 $(stat_of "$name-p95" median) ms"
done

# ---------------------------------------------------------------------------------------
# Inputs for the throughput figures, spread over the seeded users (deterministic).
step=$((size / 1000))
sql -At -c "select username from users where role = 'USER' and status = 'ACTIVE' and id > 1000
	and id % $step = 0 limit 1000" >"$results/inputs/logins.txt"
{
	sql -At -c "select '/email_exists?email=' || email from users where id > 1000 and id % $step = 0 limit 500"
	# As many addresses nobody has: registration asks about those too.
	awk 'BEGIN { for (i = 1; i <= 500; i++) printf "/email_exists?email=new.person%d@example.net\n", i }'
} >"$results/inputs/email-exists.txt"
awk -v n="$size" 'BEGIN { srand(42); for (i = 0; i < 1000; i++) printf "/edit_user?id=%d\n", 1001 + int(rand() * n) }' \
	>"$results/inputs/edit-user.txt"

# Avatars for eight users, uploaded as the browser does (multipart, CSRF header); the
# first GET of each fills the server's cache from the FTP server.
token=$(curl -s -b "$admin_jar" "$base/profile" | meta_token)
[ -n "$token" ] || die "no CSRF token on /profile"
: >"$results/inputs/image.txt"
: >"$results/inputs/image-304.txt"
for id in $(seq 1001 1008); do
	expect_status 200 -b "$admin_jar" -H "X-CSRF-TOKEN: $token" \
		-F "image=@$root/src/main/resources/static/img/default-avatar.png;type=image/png" "$base/users/$id/image"
	etag=$(curl -s -o /dev/null -D - -b "$admin_jar" "$base/users/$id/image" | tr -d '\r' |
		sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
	[ -n "$etag" ] || die "no ETag on /users/$id/image"
	expect_status 304 -b "$admin_jar" -H "If-None-Match: $etag" "$base/users/$id/image"
	echo "/users/$id/image" >>"$results/inputs/image.txt"
	printf '/users/%s/image\t%s\n' "$id" "$etag" >>"$results/inputs/image-304.txt"
done
# API tokens of the admin (scope read, as many as sessions), for the same reads signed in by
# a bearer token instead of a session cookie.
: >"$results/inputs/admin-tokens.txt"
for i in $(seq 1 8); do
	api_token=$(curl -s -b "$admin_jar" -H "X-CSRF-TOKEN: $token" -H 'Content-Type: application/json' \
		-H 'Accept: application/json' -d "{\"name\": \"bench $i\", \"scope\": \"read\", \"expiresInDays\": 30}" \
		"$base/tokens" | sed -n 's/.*"token":"\(rst_[^"]*\)".*/\1/p')
	[ -n "$api_token" ] || die "POST /tokens made no token"
	echo "$api_token" >>"$results/inputs/admin-tokens.txt"
done
# An application signing users in through Roster (trusted: no consent page), for the code
# flow and userinfo figures; its access tokens live an hour, so no run meets an expired one.
oidc_verifier="bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789"
oidc_challenge=$(printf '%s' "$oidc_verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
oidc_redirect="http://127.0.0.1:9/callback"
app_page=$(curl -s -b "$admin_jar" -H "X-CSRF-TOKEN: $token" --data-urlencode "name=Bench" \
	--data-urlencode "redirectUris=$oidc_redirect" -d scope=openid -d scope=profile -d scope=email \
	-d accessTokenTtl=1h "$base/applications")
oidc_client=$(sed -n 's/.*id="shown-client-id">\([^<]*\)<.*/\1/p' <<<"$app_page")
oidc_secret=$(sed -n 's/.*id="shown-client-secret">\([^<]*\)<.*/\1/p' <<<"$app_page")
[ -n "$oidc_client" ] && [ -n "$oidc_secret" ] || die "registering the benchmark application failed"
# One code flow with curl, for a signed-in cookie jar: prints the access token.
code_flow_token() { # $1: cookie jar, $2: authorization endpoint URL, $3: token endpoint URL, $4: client, $5: secret
	local location code
	location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$1" "$2?response_type=code&client_id=$4&scope=openid%20profile%20email&state=s&nonce=n&code_challenge=$oidc_challenge&code_challenge_method=S256&redirect_uri=$(printf '%s' "$oidc_redirect" | jq -sRr @uri)")
	code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
	[ -n "$code" ] || die "no code from $2 (answer: $location)"
	curl -s -u "$4:$5" -d grant_type=authorization_code -d "code=$code" --data-urlencode "redirect_uri=$oidc_redirect" \
		--data-urlencode "code_verifier=$oidc_verifier" "$3" | jq -er .access_token \
		|| die "the code from $2 bought no access token at $3"
}
: >"$results/inputs/oidc-tokens.txt"
for i in $(seq 1 8); do
	code_flow_token "$results/inputs/admin-$i.jar" "$base/oauth2/authorize" "$base/oauth2/token" \
		"$oidc_client" "$oidc_secret" >>"$results/inputs/oidc-tokens.txt"
done
echo /userinfo >"$results/inputs/userinfo.txt"
expect_status 200 -H "Authorization: Bearer $(awk 'NR == 1' "$results/inputs/oidc-tokens.txt")" "$base/userinfo"
expect_status 200 -b "$admin_jar" "$base$(awk 'NR == 1' "$results/inputs/edit-user.txt")"
expect_status 200 -H "Authorization: Bearer $(awk 'NR == 1' "$results/inputs/admin-tokens.txt")" \
	"$base$(awk 'NR == 1' "$results/inputs/edit-user.txt")"
expect_status 200 "$base$(awk 'NR == 1' "$results/inputs/email-exists.txt")"

# name:paths file:cookies ('' = none):Accept header[:API tokens file]
throughput=(
	"email_exists:email-exists.txt:admin-cookies.txt:application/json"
	"edit_user:edit-user.txt:admin-cookies.txt:application/json"
	"edit_user_token:edit-user.txt::application/json:admin-tokens.txt"
	"image:image.txt:admin-cookies.txt:image/*"
	"image_304:image-304.txt:admin-cookies.txt:image/*"
	"userinfo:userinfo.txt::application/json:oidc-tokens.txt"
)
run_throughput() { # $1: entry of throughput, $2: seconds, $3: figure name or '' for warm-up
	local name paths cookies accept tokens line
	IFS=: read -r name paths cookies accept tokens <<<"$1"
	export BENCH_PATHS="$results/inputs/$paths" BENCH_COOKIES="${cookies:+$results/inputs/$cookies}"
	export BENCH_TOKENS="${tokens:+$results/inputs/$tokens}"
	line=$(wrk_run "${3:-warmup}" paths.lua "$cores" "$connections" "$2" -H "Accept: $accept")
	if [ -n "$3" ]; then
		record "$3" "$(field "$line" rps)"
		record "$3-cpu" "$(cpu_per "$line" "$(field "$line" requests)")"
		record_errors "$3" "$line"
	fi
}
log "warming up the throughput routes"
for entry in "${throughput[@]}"; do run_throughput "$entry" 3 ""; done
# Runs interleaved (every route once, then again): a burst of load from elsewhere on the
# machine then lands on all figures alike instead of spoiling one.
for r in $(seq 1 "$runs"); do
	for entry in "${throughput[@]}"; do run_throughput "$entry" "$duration" "${entry%%:*}"; done
	log "throughput run $r/$runs:$(for e in "${throughput[@]}"; do printf ' %s %s/s' "${e%%:*}" "${values[${e%%:*}]##* }"; done)"
done

# ---------------------------------------------------------------------------------------
# Logins next to the hashing limit, measured in the same repetition so the ratio compares
# like with like on a machine whose load changes.
export BENCH_LOGINS="$results/inputs/logins.txt" BENCH_PASSWORD="$password"
login_threads=$((cores * 4))
wrk_run warmup login.lua "$login_threads" "$login_threads" 5 >/dev/null
for r in $(seq 1 "$runs"); do
	hash_line=$(java -cp "$results/classes:$classpath" HashTiming "$hash" "$password" 30 | grep '^HASH ')
	check_ms=$(field "$hash_line" check_ms)
	check_cpu_ms=$(field "$hash_line" cpu_ms)
	limit=$(awk -v c="$cores" -v ms="$check_ms" 'BEGIN { printf "%.2f", c * 1000 / ms }')
	line=$(wrk_run login login.lua "$login_threads" "$login_threads" "$duration")
	logins=$(field "$line" logins_per_s)
	record check_ms "$check_ms"
	record check_cpu_ms "$check_cpu_ms"
	record hash_limit "$limit"
	record logins "$logins"
	record login_ratio "$(awk -v l="$logins" -v m="$limit" 'BEGIN { printf "%.3f", l / m }')"
	record login-cpu "$(cpu_per "$line" "$(field "$line" logins)")"
	# The same ratio from CPU time instead of wall-clock rates: what an otherwise idle
	# machine would show, since a login can go no faster than its share of the cores.
	record login_cpu_share "$(awk -v h="$check_cpu_ms" -v c="${values[login-cpu]##* }" \
		'BEGIN { printf "%.3f", (c > 0) ? h / c : 0 }')"
	failures=$(field "$line" login_failures)
	errors[logins]=$((${errors[logins]:-0} + failures))
	log "logins run $r/$runs: $logins/s, limit $limit/s (one check $check_ms ms)"
done
# ---------------------------------------------------------------------------------------
# The code flow of an application for a signed-in user: authorization, then code exchange.
code_flow_runs() { # $1: figure name; $2: base URL; then the environment of code.lua
	local line
	wrk_run warmup code.lua "$login_threads" "$login_threads" 3 >/dev/null
	for r in $(seq 1 "$runs"); do
		line=$(wrk_run "$1" code.lua "$login_threads" "$login_threads" "$duration")
		record "$1" "$(field "$line" flows_per_s)"
		record "$1-cpu" "$(cpu_per "$line" "$(field "$line" flows)")"
		errors[$1]=$((${errors[$1]:-0} + $(field "$line" flow_failures)))
		log "$1 run $r/$runs: $(field "$line" flows_per_s) code flows/s"
	done
}
export BENCH_COOKIES="$results/inputs/admin-cookies.txt" BENCH_AUTHORIZE=/oauth2/authorize BENCH_TOKEN=/oauth2/token
export BENCH_CLIENT_ID="$oidc_client" BENCH_REDIRECT="$oidc_redirect" BENCH_VERIFIER="$oidc_verifier"
export BENCH_CHALLENGE="$oidc_challenge" BENCH_BASIC
BENCH_BASIC=$(printf '%s:%s' "$oidc_client" "$oidc_secret" | base64 -w0)
code_flow_runs code_flows "$base"

busy_rss=$(rss_mb)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stop_server

# ---------------------------------------------------------------------------------------
# Keycloak beside Roster, when KEYCLOAK_HOME names an unpacked Keycloak distribution (an
# optional step, see docs/PERFORMANCE.md; never in CI): the same code flow and userinfo
# load against a realm with one confidential client, on its own PostgreSQL database, in
# the same run. Keycloak 26 needs Java 21 or later: KEYCLOAK_JAVA_HOME, else JAVA_HOME.
kc_version=""
if [ -n "${KEYCLOAK_HOME:-}" ]; then
	[ -x "$KEYCLOAK_HOME/bin/kc.sh" ] || die "KEYCLOAK_HOME=$KEYCLOAK_HOME holds no bin/kc.sh"
	kc_java=${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}
	kc_db=${BENCH_KEYCLOAK_DB:-keycloak_bench}
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $kc_db WITH (FORCE)" \
		-c "CREATE DATABASE $kc_db" || die "cannot create the database $kc_db"
	kc_port=${BENCH_KEYCLOAK_PORT:-8180}
	log "starting Keycloak from $KEYCLOAK_HOME on port $kc_port (database $kc_db)"
	JAVA_HOME="$kc_java" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
		"$KEYCLOAK_HOME/bin/kc.sh" start --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 \
		--http-port="$kc_port" --db=postgres --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$kc_db" \
		--db-username="$PGUSER" --db-password="${PGPASSWORD:-}" >"$results/keycloak.log" 2>&1 &
	server_pid=$!
	base="http://127.0.0.1:$kc_port"
	deadline=$((SECONDS + 300))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/realms/master")" = 200 ]; do
		kill -0 "$server_pid" 2>/dev/null || die "Keycloak stopped during start-up (log: $results/keycloak.log)"
		[ "$SECONDS" -lt "$deadline" ] || die "Keycloak did not start within 300 s"
		sleep 0.5
	done
	kc_version=$(sed -n 's/.*Keycloak \([0-9][0-9.]*\) on JVM.*/\1/p' "$results/keycloak.log" | awk 'NR == 1')
	kcadm() { JAVA_HOME="$kc_java" "$KEYCLOAK_HOME/bin/kcadm.sh" "$@" --config "$results/inputs/kcadm.config"; }
	kcadm config credentials --server "$base" --realm master --user admin --password admin >/dev/null 2>>"$results/keycloak.log"
	kcadm create realms -s realm=bench -s enabled=true -s accessTokenLifespan=3600 >/dev/null 2>>"$results/keycloak.log"
	kcadm create clients -r bench -s clientId=bench -s secret=bench-secret -s publicClient=false \
		-s standardFlowEnabled=true -s directAccessGrantsEnabled=true -s "redirectUris=[\"$oidc_redirect\"]" \
		-s 'attributes."pkce.code.challenge.method"=S256' >/dev/null 2>>"$results/keycloak.log"
	kcadm create users -r bench -s username=benchuser -s enabled=true -s email=benchuser@example.com \
		-s emailVerified=true -s firstName=Bench -s lastName=User >/dev/null 2>>"$results/keycloak.log"
	kcadm set-password -r bench --username benchuser --new-password "$password" >/dev/null 2>>"$results/keycloak.log"
	# Eight more users for the password sign-ins, spread as Roster's are over many accounts.
	: >"$results/inputs/kc-logins.txt"
	for i in $(seq 1 8); do
		kcadm create users -r bench -s "username=benchuser$i" -s enabled=true -s "email=benchuser$i@example.com" \
			-s emailVerified=true -s firstName=Bench -s "lastName=User$i" >/dev/null 2>>"$results/keycloak.log"
		kcadm set-password -r bench --username "benchuser$i" --new-password "$password" >/dev/null 2>>"$results/keycloak.log"
		echo "benchuser$i" >>"$results/inputs/kc-logins.txt"
	done
	kc_auth="$base/realms/bench/protocol/openid-connect/auth"
	kc_token="$base/realms/bench/protocol/openid-connect/token"
	: >"$results/inputs/kc-cookies.txt"
	: >"$results/inputs/kc-tokens.txt"
	for i in $(seq 1 8); do
		jar="$results/inputs/kc-$i.jar"
		action=$(curl -s -c "$jar" "$kc_auth?response_type=code&client_id=bench&scope=openid&code_challenge=$oidc_challenge&code_challenge_method=S256&redirect_uri=$(printf '%s' "$oidc_redirect" | jq -sRr @uri)" |
			sed -n 's/.*id="kc-form-login"[^>]*action="\([^"]*\)".*/\1/p; s/.*action="\([^"]*login-actions\/authenticate[^"]*\)".*/\1/p' |
			awk 'NR == 1' | sed 's/&amp;/\&/g')
		[ -n "$action" ] || die "no sign-in form on Keycloak's authorization page"
		outcome=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" \
			--data-urlencode username=benchuser --data-urlencode "password=$password" "$action")
		[[ "$outcome" == "302 $oidc_redirect"* ]] || die "signing in to Keycloak failed: $outcome"
		awk -F'\t' 'NF >= 7 && $6 ~ /^KEYCLOAK_/ { printf "%s%s=%s", sep, $6, $7; sep = "; " } END { print "" }' \
			"$jar" >>"$results/inputs/kc-cookies.txt"
		code_flow_token "$jar" "$kc_auth" "$kc_token" bench bench-secret >>"$results/inputs/kc-tokens.txt"
	done
	echo /realms/bench/protocol/openid-connect/userinfo >"$results/inputs/kc-userinfo.txt"
	roster_db=$db
	db=$kc_db
	export BENCH_COOKIES="$results/inputs/kc-cookies.txt" BENCH_CLIENT_ID=bench
	export BENCH_AUTHORIZE=/realms/bench/protocol/openid-connect/auth
	export BENCH_TOKEN=/realms/bench/protocol/openid-connect/token
	BENCH_BASIC=$(printf 'bench:bench-secret' | base64 -w0)
	code_flow_runs kc_code_flows "$base"
	kc_userinfo_entry="kc_userinfo:kc-userinfo.txt::application/json:kc-tokens.txt"
	run_throughput "$kc_userinfo_entry" 3 ""
	for r in $(seq 1 "$runs"); do run_throughput "$kc_userinfo_entry" "$duration" kc_userinfo; done
	# Keycloak's password sign-in (one token POST, grant_type=password), with as many
	# clients as Roster's form logins.
	export BENCH_LOGINS="$results/inputs/kc-logins.txt"
	wrk_run warmup kc-password.lua "$login_threads" "$login_threads" 5 >/dev/null
	for r in $(seq 1 "$runs"); do
		line=$(wrk_run kc_logins kc-password.lua "$login_threads" "$login_threads" "$duration")
		record kc_logins "$(field "$line" logins_per_s)"
		record kc_logins-cpu "$(cpu_per "$line" "$(field "$line" logins)")"
		errors[kc_logins]=$((${errors[kc_logins]:-0} + $(field "$line" login_failures)))
	done
	log "Keycloak $kc_version: $(stat_of kc_logins median) password sign-ins/s, $(stat_of kc_code_flows median) code flows/s, $(stat_of kc_userinfo median) userinfo/s"
	stop_server
	db=$roster_db
fi

# ---------------------------------------------------------------------------------------
# The table.
verdict() { # $1: value, $2: <= or >=, $3: target
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		if (v == "n/a") { print "n/a"; exit }
		ok = (op == "<=") ? (v <= t) : (v >= t)
		print ok ? "met" : "**missed**"
	}'
}
# CPU cost and what it allows: "0.520 ms → 3846/s" (cores ÷ CPU time per request).
cpu_cell() { # $1: figure holding CPU ms per unit ('' for none)
	[ -n "$1" ] && [ -n "${values[$1]:-}" ] || return 0
	awk -v ms="$(stat_of "$1" median)" -v c="$cores" 'BEGIN {
		if (ms > 0) printf "%.2f ms → %.0f/s", ms, c * 1000 / ms }'
}
row() { # $1: label, $2: figure, $3: unit, $4: target op ('' for none), $5: target, $6: CPU figure
	local median spread note=""
	median=$(stat_of "$2" median)
	spread="$(stat_of "$2" min)–$(stat_of "$2" max)"
	[ "${errors[$2]:-0}" = 0 ] || note=" (${errors[$2]} failed requests)"
	if [ -n "$4" ]; then
		echo "| $1 | $median $3$note | $spread | $(cpu_cell "${6:-}") | $4 $5 | $(verdict "$median" "$4" "$5") |"
	else
		echo "| $1 | $median $3$note | $spread | $(cpu_cell "${6:-}") | | |"
	fi
}
ratio_row() { # $1: label, $2: numerator figure, $3: denominator figure, $4: op, $5: target
	local r
	r=$(awk -v a="$(stat_of "$2" median)" -v b="$(stat_of "$3" median)" 'BEGIN { printf "%.2f", a / b }')
	echo "| $1 | $r | | | $4 $5 | $(verdict "$r" "$4" "$5") |"
}
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
pg_version=$(sql -At -c "show server_version")
# The Java ./manage chose (a JDK 25+ when one is installed), recorded when it prepared the jar.
java_version=$("$(cat "$root/target/roster-app/.prepared" 2>/dev/null || echo java)" -version 2>&1 | awk 'NR == 1')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
largest=${sizes[-1]}

{
	echo "# Roster benchmark, $mode mode, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $cores cores ($cpu), $ram RAM; $java_version; PostgreSQL $pg_version; wrk on loopback."
	echo "Load average before the run: $load_before; after: $load_after (above ~0.5 before the run, other work was competing)."
	echo "Each figure: median of $runs run(s) of ${duration} s (range in the third column); start-up: $starts start(s)."
	echo "CPU per request: the server's and its PostgreSQL backends' CPU time during the runs ÷ requests;"
	echo "cores ÷ that is the rate the route could reach on otherwise idle cores (wrk's own CPU excluded)."
	echo
	echo "| Figure | Median | Range | CPU per request (app + PostgreSQL) → cores ÷ CPU | Target | |"
	echo "|---|---|---|---|---|---|"
	row "Start-up: \`./manage runserver\` to the first 200 on /login (PostgreSQL)" startup s "<=" 2.5
	row "Resident memory, idle after start-up" idle_rss MB "<=" 250
	echo "| Resident memory after the load tests | $busy_rss MB | | | | |"
	row "One password check (argon2id, 1 thread), wall-clock" check_ms ms "" ""
	row "One password check, CPU time of the thread" check_cpu_ms ms "" ""
	row "Hashing limit ($cores cores ÷ one check)" hash_limit "logins/s" "" ""
	row "Form logins (GET /login + POST /login), $login_threads clients" logins "logins/s" "" "" login-cpu
	row "Logins ÷ hashing limit" login_ratio "" ">=" 0.8
	row "CPU of one check ÷ CPU per login (the ratio an idle machine would show)" login_cpu_share "" ">=" 0.77
	for s in "${sizes[@]}"; do
		for variant in "${list_variants[@]}"; do
			name=${variant%%:*}
			q=${variant#*:}
			label="/user_list${q:+?q=$q}, $(thousands "$s") users, 1 client"
			row "$label, p50" "list-$s-$name-p50" ms "" "" "list-$s-$name-cpu"
			if [ "$s" = 1000000 ]; then
				row "$label, p95" "list-$s-$name-p95" ms "<=" 25
			else
				row "$label, p95" "list-$s-$name-p95" ms "" ""
			fi
		done
	done
	if [ "${#sizes[@]}" -gt 1 ]; then
		for variant in "${list_variants[@]}"; do
			name=${variant%%:*}
			q=${variant#*:}
			ratio_row "/user_list${q:+?q=$q} p95, $(thousands "$largest") ÷ 10,000 users" \
				"list-$largest-$name-p95" "list-10000-$name-p95" "<=" 1.5
		done
	fi
	row "/activity (JSON, newest page of 50), $(thousands "$events") events, 1 client, p95" activity-all-p95 ms \
		"<=" 50 activity-all-cpu
	row "/activity?user=… (one user's events), $(thousands "$events") events, 1 client, p95" activity-user-p95 ms \
		"<=" 50 activity-user-cpu
	row "/activity?action=sign-in&outcome=failure, $(thousands "$events") events, 1 client, p95" \
		activity-failures-p95 ms "<=" 50 activity-failures-cpu
	row "/dashboard (JSON), $(thousands "$size") users, $(thousands "$events") events, 1 client, p95" dashboard-p95 ms \
		"<=" 100 dashboard-cpu
	row "/email_exists (signed in), $connections connections" email_exists "req/s" ">=" 4000 email_exists-cpu
	row "/edit_user?id=N (admin), $connections connections" edit_user "req/s" ">=" 3000 edit_user-cpu
	row "/edit_user?id=N (admin) with an API token instead of the session, $connections connections" \
		edit_user_token "req/s" "" "" edit_user_token-cpu
	ratio_row "/edit_user: API token ÷ session, requests per second" edit_user_token edit_user ">=" 0.8
	ratio_row "/edit_user: API token ÷ session, CPU per request" edit_user_token-cpu edit_user-cpu "<=" 1.25
	row "/users/{id}/image, 200 from the cache" image "req/s" ">=" 5000 image-cpu
	row "/users/{id}/image, 304 (If-None-Match)" image_304 "req/s" ">=" 5000 image_304-cpu
	row "OIDC code flow of a signed-in user (GET /oauth2/authorize + POST /oauth2/token, PKCE), $login_threads clients" \
		code_flows "flows/s" "" "" code_flows-cpu
	row "OIDC /userinfo with a JWT access token, $connections connections" userinfo "req/s" "" "" userinfo-cpu
	if [ -n "$kc_version" ]; then
		row "Keycloak $kc_version: password sign-ins (POST token, grant_type=password), $login_threads clients" \
			kc_logins "logins/s" "" "" kc_logins-cpu
		ratio_row "Sign-ins per second, Roster's form ÷ Keycloak's password grant" logins kc_logins ">=" 1
		row "Keycloak $kc_version: the same code flow, $login_threads clients" kc_code_flows "flows/s" "" "" \
			kc_code_flows-cpu
		row "Keycloak $kc_version: the same userinfo, $connections connections" kc_userinfo "req/s" "" "" kc_userinfo-cpu
		ratio_row "Code flows per second, Roster ÷ Keycloak" code_flows kc_code_flows ">=" 1
		ratio_row "Userinfo requests per second, Roster ÷ Keycloak" userinfo kc_userinfo ">=" 1
	fi
	echo
	echo "Raw output, EXPLAIN plans and logs: ${results#"$root"/}"
} | tee "$results/results.md"

# wrk's history lists every run; keep values for a later comparison.
for key in "${!values[@]}"; do echo "$key${values[$key]}"; done | sort >"$results/values.txt"
log "done in $((SECONDS / 60)) min $((SECONDS % 60)) s"
