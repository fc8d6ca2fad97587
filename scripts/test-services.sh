#!/usr/bin/env bash
# Installs (when missing) and starts the real servers the test suite talks to: MariaDB, Redis and
# FerretDB (a MongoDB wire-protocol server, built once by scripts/ferretdb.sh), all bound to
# 127.0.0.1. Idempotent: a server already answering is left alone.
# Prints the environment the tests read (MYSQL_URL, REDIS_URL, MONGODB_URL, MONGODB_SERVER) as
# `export` lines.
#   scripts/test-services.sh [start]   install when missing, start what is not answering
#   scripts/test-services.sh stop      stop the servers this script started (pid files), no others
set -euo pipefail

STATE="${TMPDIR:-/tmp}/graphnode-services"
mkdir -p "$STATE"

if [ "${1:-start}" = stop ]; then
  for name in redis mariadb; do
    pidfile="$STATE/$name.pid"
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    rm -f "$pidfile"
    # Only the server this script started: a pid reused by something else is left alone.
    case "$(ps -o comm= -p "$pid" 2>/dev/null)" in
      redis-server | mariadbd) ;;
      *) continue ;;
    esac
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  bash "$(dirname "$0")/ferretdb.sh" stop
  exit 0
elif [ "${1:-start}" != start ]; then
  echo "usage: $0 [start|stop]" >&2
  exit 2
fi

MYSQL_PORT="${MYSQL_PORT:-3306}"
REDIS_PORT="${REDIS_PORT:-6379}"

need=()
command -v mariadbd >/dev/null 2>&1 || need+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]} with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$STATE/redis.pid" >&2
fi

if ! mysqladmin --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -uharness -pharness ping >/dev/null 2>&1; then
  datadir=/var/lib/mysql
  if [ ! -d "$datadir/mysql" ]; then
    mariadb-install-db --user=mysql --datadir="$datadir" >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (mariadbd --user=mysql --datadir="$datadir" --bind-address=127.0.0.1 --port="$MYSQL_PORT" \
    --socket=/run/mysqld/mysqld.sock --pid-file=/run/mysqld/mysqld.pid >/tmp/mariadbd.log 2>&1 &)
  for _ in $(seq 1 60); do
    mysqladmin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! mysqladmin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1; then
    echo "MariaDB did not start in 30 s; the end of /tmp/mariadbd.log:" >&2
    tail -n 20 /tmp/mariadbd.log >&2
    exit 1
  fi
  # mariadbd runs as mysql and writes its pid file where mysql may; `stop` reads a copy from here.
  cp /run/mysqld/mysqld.pid "$STATE/mariadb.pid"
  mysql --socket=/run/mysqld/mysqld.sock -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'harness'@'127.0.0.1' IDENTIFIED BY 'harness';
CREATE USER IF NOT EXISTS 'harness'@'localhost' IDENTIFIED BY 'harness';
GRANT ALL PRIVILEGES ON *.* TO 'harness'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'harness'@'localhost';
CREATE DATABASE IF NOT EXISTS harness_test;
FLUSH PRIVILEGES;
SQL
fi

echo "export MYSQL_URL=mysql://harness:harness@127.0.0.1:${MYSQL_PORT}/harness_test"
echo "export REDIS_URL=redis://127.0.0.1:${REDIS_PORT}"
bash "$(dirname "$0")/ferretdb.sh" start
