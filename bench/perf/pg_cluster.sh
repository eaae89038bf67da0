#!/usr/bin/env bash
# A private PostgreSQL cluster for the pg_trgm peer, in a folder of its own
# (data and unix socket), on a port of its own, never touching a system
# cluster. PostgreSQL refuses to run as root, so as root the cluster runs as
# the "postgres" user that Debian's package creates.
#   pg_cluster.sh start DIR [PORT]   initdb if needed, then start
#   pg_cluster.sh stop DIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cmd=${1:?start|stop}
dir=$(realpath -m "${2:?data folder}")
port=${3:-55432}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    # Memory for a 24 GiB, 2-core machine: the whole table and index stay
    # cached; no parallel workers (the benchmark runs one connection per
    # core itself); no durability cost on the bulk loads.
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start -o \
      "-p $port -k $dir -c listen_addresses='' -c shared_buffers=1GB \
       -c work_mem=64MB -c maintenance_work_mem=1GB -c fsync=off \
       -c synchronous_commit=off -c full_page_writes=off \
       -c max_parallel_workers_per_gather=0" >/dev/null
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
