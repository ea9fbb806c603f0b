#!/usr/bin/env bash
# A private PostgreSQL server for the memory tests (pkg/memory/postgres).
#
# usage: .ci/postgres.sh start [DIR]    install PostgreSQL from Debian's packages when it
#                                       is missing, create a cluster in DIR/data, start it
#                                       on a free port of 127.0.0.1 (socket in DIR), and
#                                       print the line RELAIS_TEST_POSTGRES=postgres://…
#        .ci/postgres.sh stop [DIR]     stop that server and remove DIR
#        .ci/postgres.sh dsn [DIR]      print the DSN again
#
# DIR defaults to ${TMPDIR:-/tmp}/relais-ci-postgres. Typical use in .ci/run:
#   eval "export $(.ci/postgres.sh start)"; trap '.ci/postgres.sh stop' EXIT
#   go test ./pkg/memory/postgres/
# PostgreSQL refuses to run as root: as root, the server runs as the user
# "postgres" (created by the Debian package).
set -euo pipefail
MODE=${1:?usage: postgres.sh start|stop|dsn [DIR]}
DIR=${2:-${TMPDIR:-/tmp}/relais-ci-postgres}

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_owner() { # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $MODE in
start)
  BIN=$(bindir || true)
  if [ -z "$BIN" ]; then
    echo "postgres.sh: PostgreSQL is missing: installing Debian's package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
    BIN=$(bindir)
  fi
  if [ -f "$DIR/dsn" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "RELAIS_TEST_POSTGRES=$(cat "$DIR/dsn")"; exit 0
  fi
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
  for try in 1 2 3 4 5; do
    PORT=$(( 20000 + RANDOM % 20000 ))
    if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2; then
      DSN="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
      echo "$DSN" > "$DIR/dsn"
      echo "RELAIS_TEST_POSTGRES=$DSN"
      exit 0
    fi
  done
  echo "postgres.sh: the server did not start; see $DIR/server.log" >&2
  tail -20 "$DIR/server.log" >&2 || true
  exit 1
  ;;
stop)
  BIN=$(bindir || true)
  if [ -n "$BIN" ] && [ -d "$DIR/data" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
  ;;
dsn)
  cat "$DIR/dsn"
  ;;
*)
  echo "usage: postgres.sh start|stop|dsn [DIR]" >&2; exit 2 ;;
esac
