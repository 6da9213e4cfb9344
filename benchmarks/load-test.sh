#!/usr/bin/env bash
# Load test of the sample app with wrk: one endpoint that runs one query (GET /orders?status=PAID),
# with distrace off, with distrace on and a collector that answers, with distrace on and no exporter
# (spans recorded, nothing sent), with the collector down, and with a collector that accepts
# connections and never answers. Prints throughput and p99 latency of each,
# and their ratios to "distrace off". Everything listens on and targets 127.0.0.1 only, and every
# load is bounded in time.
#
#   benchmarks/load-test.sh                 # DURATION=20s ROUNDS=2 CONNECTIONS=16 THREADS=2 by default
#   DURATION=30s ROUNDS=3 benchmarks/load-test.sh
#   SCENARIOS="off on" benchmarks/load-test.sh     # some of: off on no-export collector-down collector-silent
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-18080}
COLLECTOR_PORT=${COLLECTOR_PORT:-14318}
SILENT_PORT=${SILENT_PORT:-14319}
DOWN_PORT=${DOWN_PORT:-14320}
URL="http://127.0.0.1:${APP_PORT}/orders?status=PAID"
OUT=${OUT:-benchmarks/target/load-test}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }
mkdir -p "$OUT"

jar=$(ls sample-app/target/distrace-sample-app-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
	./mvnw -q -B -pl sample-app -am package -DskipTests
	jar=$(ls sample-app/target/distrace-sample-app-*.jar | grep -v original | head -n 1)
fi

pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT

# A collector that answers every OTLP/HTTP export with an empty success, and one that accepts
# connections and reads requests but never answers.
python3 - "$COLLECTOR_PORT" "$SILENT_PORT" <<'EOF' &
import socket, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass

def drain(connection):
    while connection.recv(65536):
        pass

def silent(port):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(64)
    held = []
    while True:
        connection, _ = server.accept()
        held.append(connection)
        threading.Thread(target=drain, args=(connection,), daemon=True).start()

threading.Thread(target=silent, args=(int(sys.argv[2]),), daemon=True).start()
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
EOF
pids+=($!)

start_app() {
	java -Xms512m -Xmx512m -jar "$jar" --server.address=127.0.0.1 --server.port="$APP_PORT" \
		--logging.level.root=WARN --distrace.ui.enabled=false "$@" >"$OUT/app.log" 2>&1 &
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

# Prints: requests/s p99(ms) rss(MB)
measure() {
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$URL" >/dev/null
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL" >"$OUT/wrk.txt"
	local rps p99 rss
	rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk.txt")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v=v*1000}; print v}' "$OUT/wrk.txt")
	rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$app/status")
	if grep -q "Non-2xx" "$OUT/wrk.txt"; then
		echo "Errors under load:" >&2
		cat "$OUT/wrk.txt" >&2
		exit 1
	fi
	echo "$rps $p99 $rss"
}

declare -A scenarios=(
	[off]="--distrace.enabled=false"
	[on]="--distrace.exporter=otlp --distrace.otlp.endpoint=http://127.0.0.1:${COLLECTOR_PORT}"
	[no-export]="--distrace.exporter=none"
	[collector-down]="--distrace.exporter=otlp --distrace.otlp.endpoint=http://127.0.0.1:${DOWN_PORT}"
	[collector-silent]="--distrace.exporter=otlp --distrace.otlp.endpoint=http://127.0.0.1:${SILENT_PORT}"
)
read -r -a order <<<"${SCENARIOS:-off on no-export collector-down collector-silent}"

: >"$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
	for name in "${order[@]}"; do
		# shellcheck disable=SC2086
		start_app ${scenarios[$name]}
		result=$(measure)
		stop_app
		echo "$name $result" | tee -a "$OUT/results.txt"
	done
done

echo
echo "scenario      requests/s (median)  p99 ms (median)  RSS MB (max)  throughput ratio  p99 ratio"
awk -v order="${order[*]}" '
	{ n[$1]++; rps[$1, n[$1]] = $2; p99[$1, n[$1]] = $3; if ($4 > rss[$1]) rss[$1] = $4 }
	function median(a, name, count,   i, j, t, v) {
		for (i = 1; i <= count; i++) v[i] = a[name, i]
		for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (count % 2) ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
	}
	END {
		split(order, names, " ")
		baseRps = median(rps, "off", n["off"]); baseP99 = median(p99, "off", n["off"])
		for (k = 1; k <= length(names); k++) {
			s = names[k]; r = median(rps, s, n[s]); p = median(p99, s, n[s])
			printf "%-16s %12.0f %16.2f %13d %17.3f %10.3f\n", s, r, p, rss[s], r / baseRps, p / baseP99
		}
	}' "$OUT/results.txt"
