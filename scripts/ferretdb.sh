#!/usr/bin/env bash
# Builds (once, cached) and starts FerretDB, a MongoDB wire-protocol server written in Go, for the
# MongoDB store tests: MongoDB server binaries cannot be downloaded here, the Go module proxy can.
#   scripts/ferretdb.sh [start]  build when missing, start on 127.0.0.1 unless a server already
#                                answers there, print `export MONGODB_URL=...` on stdout
#   scripts/ferretdb.sh build    build when missing, print the binary's path
#   scripts/ferretdb.sh stop     stop the server this script started (pid file in the state dir)
# The SQLite handler keeps its files in a temporary directory; no PostgreSQL is needed.
# `maxPoolSize=1` in the printed URL: FerretDB loses concurrent updates from a pooled client
# (measured: 200 concurrent $inc on one document ended at 5-81), one connection serialises them.
set -euo pipefail

VERSION="v1.24.2"
CACHE="${HOME}/.cache/graphnode-harness/ferretdb"
BIN="$CACHE/ferretdb-$VERSION"
STATE="${FERRETDB_STATE_DIR:-${TMPDIR:-/tmp}/graphnode-ferretdb}"
PORT="${FERRETDB_PORT:-27017}"
DEBUG_PORT="${FERRETDB_DEBUG_PORT:-27018}"

log() { echo "ferretdb: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

build() {
  if [ -x "$BIN" ]; then return; fi
  if ! command -v go >/dev/null 2>&1; then
    log "installing Go with apt-get (newer toolchains come from the Go module proxy)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >&2
  fi
  local started src work
  started=$(date +%s)
  log "building FerretDB $VERSION (first run only; cached in $CACHE)"
  # The module zip from the proxy: GOFLAGS=-mod=mod so a workspace's settings do not interfere.
  src=$(cd / && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [ -z "$src" ] || [ ! -d "$src" ]; then
    log "go mod download did not report a module directory"
    exit 1
  fi
  mkdir -p "$CACHE"
  work=$(mktemp -d "$CACHE/src.XXXXXX")
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  # The module zip lacks the version file the build embeds; without it the binary panics at start.
  mkdir -p "$work/build/version"
  echo "$VERSION" >"$work/build/version/version.txt"
  (cd "$work" && go build -o "$BIN.tmp" ./cmd/ferretdb) >&2
  mv "$BIN.tmp" "$BIN"
  rm -rf "$work"
  log "built in $(($(date +%s) - started)) s: $BIN"
}

start() {
  build
  if ! port_open "$PORT"; then
    if port_open "$DEBUG_PORT"; then
      log "debug port $DEBUG_PORT is taken; set FERRETDB_DEBUG_PORT"
      exit 1
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE/data"
    "$BIN" --handler=sqlite --sqlite-url="file:$STATE/data/" \
      --listen-addr="127.0.0.1:$PORT" --debug-addr="127.0.0.1:$DEBUG_PORT" \
      --state-dir="$STATE" --telemetry=disable --log-level=warn >"$STATE/ferretdb.log" 2>&1 &
    echo $! >"$STATE/pid"
    for _ in $(seq 1 100); do
      port_open "$PORT" && break
      if ! kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
        log "exited at start; its log:"
        cat "$STATE/ferretdb.log" >&2
        exit 1
      fi
      sleep 0.1
    done
    port_open "$PORT" || { log "not answering on 127.0.0.1:$PORT after 10 s"; exit 1; }
  fi
  echo "export MONGODB_URL=mongodb://127.0.0.1:${PORT}/?maxPoolSize=1"
  echo "export MONGODB_SERVER='FerretDB $VERSION (SQLite handler, one connection)'"
}

stop() {
  if [ -f "$STATE/pid" ]; then
    kill "$(cat "$STATE/pid")" 2>/dev/null || true
    rm -f "$STATE/pid"
  fi
}

case "${1:-start}" in
  start) start ;;
  build) build && echo "$BIN" ;;
  stop) stop ;;
  *) log "usage: $0 [start|build|stop]"; exit 2 ;;
esac
