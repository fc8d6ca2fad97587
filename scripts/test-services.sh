#!/usr/bin/env bash
# Installs (when missing) and starts the real servers the test suite talks to: MariaDB, Redis and
# FerretDB (a MongoDB wire-protocol server, built once by scripts/ferretdb.sh), all bound to
# 127.0.0.1. Idempotent: a server already answering is left alone.
# Prints the environment the tests read (MYSQL_URL, REDIS_URL, MONGODB_URL, MONGODB_SERVER) as
# `export` lines.
set -euo pipefail

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
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes >&2
fi

if ! mysqladmin --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -uharness -pharness ping >/dev/null 2>&1; then
  datadir=/var/lib/mysql
  if [ ! -d "$datadir/mysql" ]; then
    mariadb-install-db --user=mysql --datadir="$datadir" >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (mariadbd --user=mysql --datadir="$datadir" --bind-address=127.0.0.1 --port="$MYSQL_PORT" \
    --socket=/run/mysqld/mysqld.sock >/tmp/mariadbd.log 2>&1 &)
  for _ in $(seq 1 60); do
    mysqladmin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1 && break
    sleep 0.5
  done
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
