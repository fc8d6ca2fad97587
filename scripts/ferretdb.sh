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

GO_MIN="1.24"  # FerretDB $VERSION's go.mod
GO_TOOLCHAIN="go1.24.13"

# Debian's golang-go can be older than FerretDB needs (bookworm: 1.19, which predates GOTOOLCHAIN),
# so an old or missing `go` is replaced by the toolchain module from the Go module proxy, cached.
go_new_enough() {
  local have
  have=$(go env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$GO_MIN" "$have" | sort -V | head -1)" = "$GO_MIN" ]
}

ensure_go() {
  if command -v go >/dev/null 2>&1 && go_new_enough; then return; fi
  local root="$CACHE/toolchain/$GO_TOOLCHAIN"
  if [ ! -x "$root/bin/go" ]; then
    local arch proxy zip
    case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
    proxy="${GOPROXY:-https://proxy.golang.org}"
    proxy="${proxy%%,*}"
    case "$proxy" in http*) ;; *) proxy=https://proxy.golang.org ;; esac
    zip=$(mktemp "${TMPDIR:-/tmp}/go-toolchain.XXXXXX.zip")
    log "fetching Go $GO_TOOLCHAIN from $proxy (the machine's go is missing or older than $GO_MIN)"
    curl -fsSL -o "$zip" "$proxy/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-$arch.zip"
    rm -rf "$root.tmp" && mkdir -p "$root.tmp"
    python3 -m zipfile -e "$zip" "$root.tmp"
    rm -f "$zip"
    # The module zip nests the tree under golang.org/toolchain@…/ and drops the exec bits.
    mv "$root.tmp"/golang.org/toolchain@*/ "$root"
    rm -rf "$root.tmp"
    chmod -R u+x "$root/bin" "$root/pkg/tool"
  fi
  export PATH="$root/bin:$PATH" GOTOOLCHAIN=local
}

build() {
  if [ -x "$BIN" ]; then return; fi
  ensure_go
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
    local pid
    pid=$(cat "$STATE/pid")
    rm -f "$STATE/pid"
    kill "$pid" 2>/dev/null || true
    # Gone before this returns: a start right after must not find the old one still listening.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

case "${1:-start}" in
  start) start ;;
  build) build && echo "$BIN" ;;
  stop) stop ;;
  *) log "usage: $0 [start|build|stop]"; exit 2 ;;
esac
