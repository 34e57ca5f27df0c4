#!/usr/bin/env bash
# Saturation run of the web reader with wrk (a C load generator, so the client's own CPU does not
# dominate as the Python one in bench/web.py does): 50 connections, each asking again as soon as
# it is answered, against `newsdesk serve` over the sample corpus.
#   bench/web_wrk.sh [seconds]      needs Debian's wrk (apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 0; }
secs=${1:-15}
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
.venv/bin/newsdesk ingest src/newsdesk/data/sample --db "$dir/corpus.db" >/dev/null 2>&1
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.venv/bin/newsdesk serve --db "$dir/corpus.db" --port "$port" >"$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'article page (goal p95 < 50 ms):  '; wrk -t1 -c50 -d"${secs}s" -s bench/wrk/article.lua "http://127.0.0.1:$port" | tail -1
printf 'search       (goal p95 < 100 ms): '; wrk -t1 -c50 -d"${secs}s" -s bench/wrk/search.lua "http://127.0.0.1:$port" | tail -1
