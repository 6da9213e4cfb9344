#!/usr/bin/env bash
# Load test of the sample app with wrk. Its request (REQUEST, GET /orders/2/overview?tenant=acme) is a whole
# one: the handler sets a baggage entry and makes a log call (disabled at the WARN level the app runs at here),
# a @Traced method runs three SQL queries (H2) and calls the app's own GET /stock/{id} over RestClient, which
# reads the baggage. distrace makes seven spans of it (two server spans, the method, three queries, the
# client call). The scenarios:
#
#   off               distrace off (--distrace.enabled=false): the baseline of every ratio
#   on                distrace on, every span exported over OTLP/HTTP to a collector that answers
#   ratio-keep        distrace on, head ratio 0.1 (parentbased_traceidratio) with the default keep rules
#                     (errors, N+1): the other 90 % of requests are recorded, held, and dropped at their end
#   ratio             the same head ratio without keep rules: the other 90 % are not recorded at all (what the
#                     keep rules cost is the difference to ratio-keep)
#   otel-agent        distrace off, OpenTelemetry's Java agent $OTEL_AGENT_VERSION instead, exporting to the same
#                     collector over OTLP/HTTP with the same settings: sampler always_on, batch processor with
#                     queue BATCH_QUEUE (2048), batches of BATCH_SIZE (512), 5 s delay, no compression; the
#                     @Traced method is traced through otel.instrumentation.methods.include, so it makes the same
#                     seven spans (without the baggage, which the app sets through distrace's BaggageService, off
#                     here)
#   otel-starter      distrace off, OpenTelemetry's Spring Boot starter on instead (same jar; the starter's
#                     jars added with Spring Boot's PropertiesLauncher and -Dloader.path), same collector and
#                     settings. It has no counterpart of @Traced, so it makes six spans. distrace's SDK
#                     auto-configuration is excluded there (needed while distrace.enabled=false defined a
#                     no-op OpenTelemetry bean that made the starter back off; harmless since it steps
#                     aside), and benchmarks/load-test/otel-starter/beans.xml gives the sample app the Tracer
#                     and Distrace beans it asks for, on the starter's OpenTelemetry
#   no-export         distrace on, --distrace.exporter=none (spans recorded and queued, nothing sent)
#   collector-down    distrace on, exporting to a port where nothing listens
#   collector-silent  distrace on, exporting to a collector that accepts connections and never answers
#   on-okhttp-sender  as "on", with OpenTelemetry's OkHttp sender (which the OTLP exporter brings, and which distrace
#                     used before 2026-12-03), chosen with OpenTelemetry's system property, instead of the JDK's
#   on-unless-continued  as "on", with --distrace.web.trace-response=unless-continued: no traceresponse header where
#                     the request continued its caller's trace (the app's call to /stock), so that the caller does
#                     not parse it
#   on-no-length-limit  as "on", with --distrace.limits.max-attribute-value-length=2147483647: no limit on an
#                     attribute value's length, which the SDK then no longer checks as each attribute is set (a
#                     check that costs about 30 ns an attribute on Java 17, and nothing on 25; the peers
#                     set no limit by default)
#   pg-<scenario>     any of the above on PostgreSQL over TCP (the server at 127.0.0.1:5432, database test, the
#                     sample's postgres profile) instead of H2 in memory; their ratios are to pg-off. The server's
#                     processes are moved to the load's core (LOAD_CPUS) for these, as a database on a machine of its
#                     own would take none of the application's CPU, and back to every core at the end
#
# and, on the reactive sample (sample-reactive-app: WebFlux on Netty, R2DBC on H2 in memory, built with the
# project's own OpenTelemetry version), whose request (REACTIVE_REQUEST, GET /orders/2?tenant=acme) sets a
# baggage entry, reads the order in a @Traced method returning a Mono (one R2DBC query) and asks the app's
# own GET /stock/{id}, a functional route, over WebClient: five spans (two server spans, the method, the
# query, the client call). Their ratios are to reactive-off, not to off:
#
#   reactive-off      distrace off (--distrace.enabled=false)
#   reactive-off-auto distrace off, but Reactor's automatic context propagation on, as distrace turns it on
#                     (--spring.reactor.context-propagation=auto): what that alone costs
#   reactive-on       distrace on, every span exported over OTLP/HTTP to the collector, as in "on"
#
# The application is measured on one core (APP_CPUS, 0) and wrk and the collector run on the other
# (LOAD_CPUS, 1), with taskset, so that they do not take the application's CPU. The JVM is sized for the
# application's cores from its start (-XX:ActiveProcessorCount: on one core, the Serial collector and a
# one-core machine's compiler threads), but warms up on both cores and is pinned to its own only once
# warm: on one core the JIT compiler takes about a sixth of the CPU for four to five minutes before its
# work is done, and a measurement before that compares how far each scenario's compilation got, not what
# it costs. On one core the JDK's common ForkJoinPool would have no worker and CompletableFuture would
# start a thread per task (the JDK's HTTP client uses it), so every scenario runs with
# -Djava.util.concurrent.ForkJoinPool.common.parallelism=2.
#
# Each scenario is measured twice after a warm-up: wrk at saturation, in 10 s steps, for at least WARMUP
# seconds (60) and until the JIT compiler threads used under 2 % of a core in the last step, or for
# WARMUP_MAX seconds (600) at most; the "warm-up-s" column says how long it took.
#   - throughput: wrk at saturation (CONNECTIONS connections, no pause), requests/s;
#   - latency: wrk at a fixed pace below saturation (about RATE requests/s: each of PACED_CONNECTIONS
#     connections waits PACED_CONNECTIONS/RATE s, in whole milliseconds, between a response and its next
#     request, with a wrk Lua delay(); the pace reached is printed), p99. At
#     saturation p99 is mostly queueing behind the application's one core; below saturation it measures
#     what a request costs. RATE should be well below the slowest scenario's throughput (a third of "off"
#     is a good choice); RATE=0 skips this part. Debian has neither wrk2 nor vegeta, and h2load's --rate
#     paces new connections, not requests, hence the Lua pacing.
# The rounds are interleaved (every scenario once, then again), so that a slow spell of the machine
# touches every scenario alike; the summary gives medians and the spread (lowest-highest).
# The collector (benchmarks/load-test/LoadTestCollector.java, run by `java` from its source) counts the spans it
# receives by kind; the "spans/req" column is what reached it per request during the throughput run (7.00
# when every span of every request arrived with distrace, 5.00 on the reactive sample; less when the batch queue was full and spans
# were dropped, or, at a head ratio, when most traces were not kept).
# "CPU us/req" is the CPU time (user + system, from /proc, less the JIT compiler's threads) that the
# application and the collector used during the throughput run, per request: other jobs on the machine
# move it less than requests/s (though contention still raises it), so it helps to judge what tracing and
# exporting cost when the machine is not quiet.
#
# The sample app is built with OpenTelemetry $OTEL_VERSION (the version OpenTelemetry's starter 2.31.1 is
# built against), and every scenario but the reactive sample's runs that one jar. Everything listens on and
# targets 127.0.0.1 only, and every load is bounded in time. Prints each run, then medians and ratios to
# "off" (to "reactive-off" for the reactive sample).
#
#   benchmarks/load-test/load-test.sh      # DURATION=20s WARMUP=60 WARMUP_MAX=600 ROUNDS=3 CONNECTIONS=8 THREADS=1 RATE=1000 PACED_CONNECTIONS=16
#   SCENARIOS="off on otel-agent" benchmarks/load-test/load-test.sh
#   BATCH_QUEUE=8192 BATCH_SIZE=2048 SCENARIOS="off on otel-agent otel-starter" benchmarks/load-test/load-test.sh
#       # larger batches, for distrace and both peers alike (where a peer's batch processor cannot keep up)
#   SCENARIOS="reactive-off reactive-on" benchmarks/load-test/load-test.sh    # the reactive sample alone
#   REQUEST="/orders?status=PAID" RATE=4000 benchmarks/load-test/load-test.sh    # one query, two spans
#   DURATION=5s WARMUP=10 WARMUP_MAX=10 ROUNDS=1 benchmarks/load-test/load-test.sh  # a quick check that everything works
#   APP_JAVA_OPTS="-Xlog:gc:file=/tmp/gc-%p.log" benchmarks/load-test/load-test.sh   # more JVM options for the app
#   PROFILE=1 SCENARIOS="off on" benchmarks/load-test/load-test.sh
#       profiles the app's CPU during each throughput run with async-profiler $ASYNC_PROFILER_VERSION (from Maven
#       Central; attached with jcmd, every millisecond of CPU time, kernel included), then prints where the
#       CPU went by component (benchmarks/load-test/ProfileByComponent.java); the profiles stay in
#       benchmarks/target/load-test. JFR is not used: on one core its execution samples count threads
#       that are runnable but not running, and started in a warm JVM it instruments JDK classes, and the
#       deoptimization that follows costs one core minutes of recompiling. Profiling slows every
#       scenario: take ratios from runs without it.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-60}
WARMUP=${WARMUP%s}
WARMUP_MAX=${WARMUP_MAX:-600}
WARMUP_MAX=${WARMUP_MAX%s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-1}
RATE=${RATE:-1000}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-16}
REQUEST=${REQUEST:-/orders/2/overview?tenant=acme}
REACTIVE_REQUEST=${REACTIVE_REQUEST:-/orders/2?tenant=acme}
APP_CPUS=${APP_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
OTEL_VERSION=${OTEL_VERSION:-1.65.0}
OTEL_AGENT_VERSION=${OTEL_AGENT_VERSION:-2.31.1}
BATCH_QUEUE=${BATCH_QUEUE:-2048}
BATCH_SIZE=${BATCH_SIZE:-512}
PROFILE=${PROFILE:-}
ASYNC_PROFILER_VERSION=${ASYNC_PROFILER_VERSION:-4.0}
APP_PORT=${APP_PORT:-18080}
COLLECTOR_PORT=${COLLECTOR_PORT:-14318}
SILENT_PORT=${SILENT_PORT:-14319}
DOWN_PORT=${DOWN_PORT:-14320}
SERVLET_URL="http://127.0.0.1:${APP_PORT}${REQUEST}"
REACTIVE_URL="http://127.0.0.1:${APP_PORT}${REACTIVE_REQUEST}"
URL=$SERVLET_URL
STATS="http://127.0.0.1:${COLLECTOR_PORT}/stats"
OUT=${OUT:-benchmarks/target/load-test}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is missing: apt-get install -y util-linux" >&2; exit 1; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# The sample app, built with OpenTelemetry $OTEL_VERSION unless it already is (or only the reactive sample runs).
jar=sample-app/target/distrace-sample-app-0.1.0-SNAPSHOT.jar
if [[ " ${SCENARIOS:-off} " =~ \ (pg-)?(off|on|on-okhttp-sender|on-unless-continued|on-no-length-limit|ratio-keep|ratio|otel-agent|otel-starter|no-export|collector-down|collector-silent)\  ]] \
	&& ! unzip -Z1 "$jar" 2>/dev/null | grep -qx "BOOT-INF/lib/opentelemetry-sdk-${OTEL_VERSION}.jar"; then
	rm -f "$jar"
	./mvnw -q -B -pl sample-app -am package -DskipTests -Dopentelemetry.version="$OTEL_VERSION"
fi

# The reactive sample, unless it is built. The OpenTelemetry version of the peers does not matter there
# (it has none), and test-support, which the reactor builds with it, needs more of that version's jars
# than the servlet sample.
reactive_jar=sample-reactive-app/target/distrace-sample-reactive-app-0.1.0-SNAPSHOT.jar
if [[ " ${SCENARIOS:-} " == *" reactive-"* ]] && [ ! -f "$reactive_jar" ]; then
	./mvnw -q -B -pl sample-reactive-app -am package -DskipTests
fi

# OpenTelemetry's starter and its dependencies, less what the jar already has in the same major version
# (jackson-databind 2 stays beside the application's Jackson 3: other packages).
starter_libs=$OUT/otel-starter-libs-$OTEL_VERSION
if [[ " ${SCENARIOS:-otel-starter} " =~ \ (pg-)?otel-starter\  ]] && [ ! -d "$starter_libs" ]; then
	./mvnw -q -B -f benchmarks/load-test/otel-starter/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
		-Dopentelemetry.version="$OTEL_VERSION" -DoutputDirectory="$starter_libs.all"
	unzip -Z1 "$jar" 'BOOT-INF/lib/*' | sed 's#BOOT-INF/lib/##' >"$OUT/app-libs.txt"
	rm -rf "$starter_libs.tmp"
	mkdir -p "$starter_libs.tmp"
	for lib in "$starter_libs".all/*.jar; do
		name=$(basename "$lib")
		artifact=$(sed 's/-[0-9][^-]*\(-[A-Za-z0-9.]*\)*\.jar$//' <<<"$name")
		present=$(grep -E "^${artifact}-[0-9]" "$OUT/app-libs.txt" | head -n 1 || true)
		version=${name#"$artifact"-}
		present_version=${present#"$artifact"-}
		if [ -z "$present" ] || [ "${version%%.*}" != "${present_version%%.*}" ]; then
			cp "$lib" "$starter_libs.tmp/"
		fi
	done
	mv "$starter_libs.tmp" "$starter_libs"
fi

# OpenTelemetry's Java agent.
agent_jar=$OUT/opentelemetry-javaagent-$OTEL_AGENT_VERSION.jar
if [[ " ${SCENARIOS:-otel-agent} " =~ \ (pg-)?otel-agent\  ]] && [ ! -f "$agent_jar" ]; then
	./mvnw -q -B dependency:copy -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_AGENT_VERSION" \
		-Dmdep.stripVersion=false -DoutputDirectory="$OUT"
fi

# async-profiler's library, for PROFILE.
profiler=$OUT/async-profiler-$ASYNC_PROFILER_VERSION/linux-x64/libasyncProfiler.so
if [ -n "$PROFILE" ]; then
	if [ ! -f "$profiler" ]; then
		./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" -DoutputDirectory="$OUT"
		unzip -q -o "$OUT/async-profiler-$ASYNC_PROFILER_VERSION.jar" 'linux-x64/*' -d "$OUT/async-profiler-$ASYNC_PROFILER_VERSION"
	fi
	rm -f "$OUT"/*.collapsed
fi

# Sends async-profiler a command; jcmd would read a bare "event=cpu" as an option of its own, hence the quotes.
profiler_command() {
	taskset -c "$LOAD_CPUS" jcmd "$app" JVMTI.agent_load "$profiler" "'$1'" >/dev/null
}

# PostgreSQL's processes, new connections' included (forked from the postmaster), on the given cores.
pin_postgres() {
	local pid
	for pid in $(pgrep -u postgres postgres || true); do
		taskset -a -p -c "$1" "$pid" >/dev/null 2>&1 || true
	done
}
all_cpus=0-$(($(nproc --all) - 1))
uses_postgres=
if [[ " ${SCENARIOS:-} " == *" pg-"* ]]; then
	uses_postgres=1
fi

pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	if [ -n "$uses_postgres" ]; then
		pin_postgres "$all_cpus"
	fi
}
trap cleanup EXIT
if [ -n "$uses_postgres" ]; then
	pin_postgres "$LOAD_CPUS"
fi

taskset -c "$LOAD_CPUS" java benchmarks/load-test/LoadTestCollector.java "$COLLECTOR_PORT" "$SILENT_PORT" >"$OUT/collector.log" 2>&1 &
collector=$!
pids+=("$collector")
for _ in $(seq 1 60); do
	kill -0 "$collector" 2>/dev/null || { cat "$OUT/collector.log" >&2; exit 1; }
	curl -fs "$STATS" >/dev/null 2>&1 && break
	sleep 0.5
done

# Prints: CPU time (user + system) that the threads of a process have used so far, in clock ticks, less
# the JIT compiler's threads (no part of what a request costs), or, with "compiler", theirs alone
cpu_ticks() {
	cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v compiler="${2:-}" '{
		name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name)
		rest = $0; sub(/^.*\) /, "", rest); split(rest, field, " ")
		if ((name ~ /CompilerThre/) == (compiler != "")) ticks += field[12] + field[13]
	} END { print ticks + 0 }'
}
ticks_per_second=$(getconf CLK_TCK)
app_cpu_count=$(taskset -c "$APP_CPUS" nproc)

# Loads the app at saturation in 10 s steps until it is warm (see above), then pins it to its own cores;
# prints how many seconds that took.
warm_up() {
	local elapsed=0 compiled
	while :; do
		compiled=$(cpu_ticks "$app" compiler)
		taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$URL" >/dev/null
		elapsed=$((elapsed + 10))
		compiled=$(($(cpu_ticks "$app" compiler) - compiled))
		if [ "$elapsed" -ge "$WARMUP_MAX" ] || { [ "$elapsed" -ge "$WARMUP" ] && [ $((compiled * 100)) -lt $((ticks_per_second * 10 * 2)) ]; }; then
			break
		fi
	done
	taskset -a -p -c "$APP_CPUS" "$app" >/dev/null
	echo "$elapsed"
}

# Prints: spans received so far
received_spans() {
	curl -fs "$STATS" | awk '{ sub(/spans=/, "", $1); print $1 }'
}

common=(--server.address=127.0.0.1 --server.port="$APP_PORT" --logging.level.root=WARN --distrace.ui.enabled=false)
distrace_export=(--distrace.exporter=otlp --distrace.otlp.protocol=http/protobuf
	--distrace.batch.max-queue-size=$BATCH_QUEUE --distrace.batch.max-export-batch-size=$BATCH_SIZE --distrace.batch.schedule-delay=5s)
distrace_otlp=(--distrace.sampler.type=always_on "${distrace_export[@]}")
agent_settings=(-Dotel.service.name=distrace-sample -Dotel.traces.exporter=otlp -Dotel.exporter.otlp.protocol=http/protobuf
	-Dotel.exporter.otlp.endpoint="http://127.0.0.1:${COLLECTOR_PORT}" -Dotel.exporter.otlp.compression=none
	-Dotel.traces.sampler=always_on -Dotel.bsp.max.queue.size=$BATCH_QUEUE -Dotel.bsp.max.export.batch.size=$BATCH_SIZE
	-Dotel.bsp.schedule.delay=5000 -Dotel.metrics.exporter=none -Dotel.logs.exporter=none
	"-Dotel.instrumentation.methods.include=io.github.distrace.sample.OrderOverviews[overview]")

start_app() {
	local launch=(-jar "$jar") database=()
	URL=$SERVLET_URL
	if [[ "$1" == pg-* ]]; then
		database=(--spring.profiles.active=postgres)
	fi
	case "${1#pg-}" in
		reactive-*)
			launch=(-jar "$reactive_jar")
			URL=$REACTIVE_URL ;;
		otel-starter)
			launch=(-Dloader.path="$starter_libs" -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher) ;;
		otel-agent)
			launch=(-javaagent:"$agent_jar" "${agent_settings[@]}" -jar "$jar") ;;
		on-okhttp-sender)
			launch=(-Dio.opentelemetry.sdk.common.export.HttpSenderProvider=io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider
				-jar "$jar") ;;
	esac
	shift
	# shellcheck disable=SC2086
	java -XX:ActiveProcessorCount="$app_cpu_count" -Xms512m -Xmx512m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
		${APP_JAVA_OPTS:-} "${launch[@]}" "${common[@]}" "${database[@]}" "$@" >"$OUT/app.log" 2>&1 &
	app=$!
	for _ in $(seq 1 120); do
		curl -fs "$URL" >/dev/null 2>&1 && return 0
		kill -0 "$app" 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
		sleep 0.5
	done
	echo "The sample app did not start" >&2
	exit 1
}

stop_app() {
	kill "$app"
	wait "$app" 2>/dev/null || true
}

# Runs wrk with the given connections and options, and writes its report to $OUT/wrk.txt; fails on any
# error response.
run_wrk() {
	local connections=$1
	shift
	taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency "$@" "$URL" >"$OUT/wrk.txt"
	if grep -q -E "Non-2xx|Socket errors" "$OUT/wrk.txt"; then
		echo "Errors under load:" >&2
		cat "$OUT/wrk.txt" >&2
		exit 1
	fi
}

p99_ms() {
	awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v=v*1000}; print v}' "$OUT/wrk.txt"
}

# Prints: requests/s p99-at-saturation(ms) spans-per-request rss(MB) paced-requests/s paced-p99(ms)
#         app-cpu-us-per-request collector-cpu-us-per-request warm-up-seconds
measure() {
	local profile=$1
	local warmed
	warmed=$(warm_up)
	if [ -n "$PROFILE" ]; then
		profiler_command start,event=cpu,interval=1ms,threads
	fi
	local before after rps p99 requests spans rss paced_rps=0 paced_p99=0
	local app_cpu collector_cpu
	before=$(received_spans)
	app_cpu=$(cpu_ticks "$app")
	collector_cpu=$(cpu_ticks "$collector")
	run_wrk "$CONNECTIONS"
	if [ -n "$PROFILE" ]; then
		profiler_command stop,threads,collapsed,file="$profile"
	fi
	app_cpu=$(($(cpu_ticks "$app") - app_cpu))
	collector_cpu=$(($(cpu_ticks "$collector") - collector_cpu))
	after=$(received_spans)
	rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk.txt")
	requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
	p99=$(p99_ms)
	# Spans of the last requests may still be queued: at most one batch delay late.
	spans=$(awk -v s=$((after - before)) -v n="$requests" 'BEGIN {printf "%.2f", s / n}')
	# CPU microseconds per request, of the application and of the collector.
	app_cpu=$(awk -v t="$app_cpu" -v n="$requests" -v hz="$ticks_per_second" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
	collector_cpu=$(awk -v t="$collector_cpu" -v n="$requests" -v hz="$ticks_per_second" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
	rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$app/status")
	if [ "$RATE" -gt 0 ]; then
		WRK_DELAY_MS=$(((PACED_CONNECTIONS * 1000 + RATE / 2) / RATE)) run_wrk "$PACED_CONNECTIONS" -s benchmarks/load-test/paced.lua
		paced_rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk.txt")
		paced_p99=$(p99_ms)
	fi
	echo "$rps $p99 $spans $rss $paced_rps $paced_p99 $app_cpu $collector_cpu $warmed"
}

declare -A scenarios=(
	[off]="--distrace.enabled=false"
	[on]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}"
	[otel-agent]="--distrace.enabled=false"
	[otel-starter]="--distrace.enabled=false
		--spring.autoconfigure.exclude=io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration
		--spring.main.sources=file:$(pwd)/benchmarks/load-test/otel-starter/beans.xml
		--otel.traces.exporter=otlp --otel.exporter.otlp.protocol=http/protobuf
		--otel.exporter.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT} --otel.exporter.otlp.compression=none
		--otel.traces.sampler=always_on --otel.bsp.max.queue.size=$BATCH_QUEUE --otel.bsp.max.export.batch.size=$BATCH_SIZE
		--otel.bsp.schedule.delay=5000 --otel.metrics.exporter=none --otel.logs.exporter=none"
	[no-export]="--distrace.sampler.type=always_on --distrace.exporter=none"
	[ratio-keep]="${distrace_export[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}
		--distrace.sampler.type=parentbased_traceidratio --distrace.sampler.ratio=0.1"
	[ratio]="${distrace_export[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}
		--distrace.sampler.type=parentbased_traceidratio --distrace.sampler.ratio=0.1
		--distrace.sampler.keep.errors=false --distrace.sampler.keep.n-plus-one=false"
	[collector-down]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${DOWN_PORT}"
	[collector-silent]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${SILENT_PORT}"
	[on-okhttp-sender]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}"
	[on-no-length-limit]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}
		--distrace.limits.max-attribute-value-length=2147483647"
	[on-unless-continued]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}
		--distrace.web.trace-response=unless-continued"
	[reactive-off]="--distrace.enabled=false"
	[reactive-off-auto]="--distrace.enabled=false --spring.reactor.context-propagation=auto"
	[reactive-on]="${distrace_otlp[*]} --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}"
)
read -r -a order <<<"${SCENARIOS:-off on ratio-keep otel-agent otel-starter}"

echo "scenario requests/s p99-saturated-ms spans/req rss-mb paced-requests/s paced-p99-ms app-cpu-us/req collector-cpu-us/req warm-up-s"
: >"$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
	for name in "${order[@]}"; do
		# shellcheck disable=SC2086
		start_app "$name" ${scenarios[${name#pg-}]}
		result=$(measure "$OUT/$name-$round.collapsed")
		stop_app
		echo "$name $result" | tee -a "$OUT/results.txt"
	done
done

echo
echo "Medians; throughput at saturation, p99 at about $RATE requests/s (RSS: the largest); ratios to off, to"
echo "reactive-off for the reactive sample's scenarios, to pg-off for PostgreSQL's."
echo "scenario          requests/s  (lowest-highest)  throughput ratio  spans/req  paced requests/s  paced p99 ms  p99 ratio  (p99 at saturation ms)  RSS MB  CPU us/req (app + collector)  warm-up s"
awk -v order="${order[*]}" '
	{ n[$1]++; rps[$1, n[$1]] = $2; sat[$1, n[$1]] = $3; spans[$1, n[$1]] = $4; p99[$1, n[$1]] = $7
	  paced[$1, n[$1]] = $6; cpu[$1, n[$1]] = $8; collectorCpu[$1, n[$1]] = $9; warm[$1, n[$1]] = $10
	  if ($5 > rss[$1]) rss[$1] = $5 }
	function median(a, name, count,   i, j, t, v) {
		for (i = 1; i <= count; i++) v[i] = a[name, i]
		for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (count % 2) ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
	}
	function spread(a, name, count,   i, low, high) {
		low = high = a[name, 1]
		for (i = 2; i <= count; i++) { if (a[name, i] < low) low = a[name, i]; if (a[name, i] > high) high = a[name, i] }
		return sprintf("%.0f-%.0f", low, high)
	}
	END {
		split(order, names, " ")
		for (k = 1; k <= length(names); k++) {
			s = names[k]; r = median(rps, s, n[s]); p = median(p99, s, n[s])
			base = (s ~ /^reactive-/) ? "reactive-off" : (s ~ /^pg-/) ? "pg-off" : "off"
			baseRps = (base in n) ? median(rps, base, n[base]) : 0; baseP99 = (base in n) ? median(p99, base, n[base]) : 0
			printf "%-16s %11.0f %17s %17.3f %10.2f %17.0f %13.2f %10.3f %23.2f %7d  %6.1f + %.1f  %9.0f\n", s, r, spread(rps, s, n[s]), (baseRps ? r / baseRps : 0),
				median(spans, s, n[s]), median(paced, s, n[s]), p, (baseP99 ? p / baseP99 : 0), median(sat, s, n[s]),
				rss[s], median(cpu, s, n[s]), median(collectorCpu, s, n[s]), median(warm, s, n[s])
		}
	}' "$OUT/results.txt"

if [ -n "$PROFILE" ]; then
	for name in "${order[@]}"; do
		echo
		echo "Profile of $name (benchmarks/load-test/ProfileByComponent.java)"
		java benchmarks/load-test/ProfileByComponent.java "$OUT/$name"-[0-9]*.collapsed | tee "$OUT/profile-$name.txt"
	done
fi
