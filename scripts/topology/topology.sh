#!/usr/bin/env bash
# The scale-out path of docs/scaling.md, on this machine: a primary PostgreSQL cluster of its own, a
# streaming replica of it, and PgBouncer in transaction mode in front of the primary.
#
#   scripts/topology/topology.sh up       build (or repair) it, then print the API's environment
#   scripts/topology/topology.sh env      print the API's environment only (eval-able)
#   scripts/topology/topology.sh status   what runs, whether the replica streams and how far behind
#   scripts/topology/topology.sh down     remove everything `up` made
#
# Debian only (pg_createcluster, pg_ctlcluster, pg_dropcluster), as root. It never touches another
# cluster (the `main` cluster on 5432 included): it creates, starts, stops and drops only the two
# clusters named below, and stops only the PgBouncer whose pid file is in its own directory.
#
# Every setting can be changed through the environment:
#   TOPOLOGY_PG_VERSION (15), TOPOLOGY_PRIMARY_PORT (5434), TOPOLOGY_REPLICA_PORT (5435),
#   TOPOLOGY_BOUNCER_PORT (6432), TOPOLOGY_DIR (/var/lib/huijia-topology: PgBouncer's config, pid
#   and log), TOPOLOGY_DATABASE (huijia: the database `up` creates and `env` names),
#   TOPOLOGY_PGBOUNCER (pgbouncer: another build, e.g. 1.21+ with max_prepared_statements).
set -euo pipefail
# pgbouncer, runuser and ss live in sbin, which a login's PATH may lack.
PATH="$PATH:/usr/sbin:/sbin"

VERSION="${TOPOLOGY_PG_VERSION:-15}"
PRIMARY=topo_primary
REPLICA=topo_replica
PRIMARY_PORT="${TOPOLOGY_PRIMARY_PORT:-5434}"
REPLICA_PORT="${TOPOLOGY_REPLICA_PORT:-5435}"
BOUNCER_PORT="${TOPOLOGY_BOUNCER_PORT:-6432}"
DIR="${TOPOLOGY_DIR:-/var/lib/huijia-topology}"
DATABASE="${TOPOLOGY_DATABASE:-huijia}"
SLOT=topo_replica
# The replica's walsender on the primary: the one holding the replica's slot.
STREAMING="select count(*) from pg_stat_replication r join pg_replication_slots s on s.active_pid = r.pid where s.slot_name = '$SLOT'"
HOST=127.0.0.1
BIN="/usr/lib/postgresql/$VERSION/bin"
BOUNCER_CONF="$DIR/pgbouncer.ini"
BOUNCER_PID="$DIR/pgbouncer.pid"
BOUNCER_LOG="$DIR/pgbouncer.log"
MARK="$DIR/made-by-huijia-topology"
PGBOUNCER="${TOPOLOGY_PGBOUNCER:-pgbouncer}"

say() { printf '%s\n' "topology: $*" >&2; }
die() {
  printf '%s\n' "topology: $*" >&2
  exit 1
}

usage() {
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ------------------------------------------------------------------ preconditions

require() {
  [ "$(id -u)" = 0 ] || die "must run as root (it creates PostgreSQL clusters and starts PgBouncer as the postgres user); try: sudo $0 $*"
  local missing=()
  for cmd in pg_createcluster pg_ctlcluster pg_dropcluster pg_lsclusters; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: this needs Debian's postgresql-common (apt-get install -y postgresql-common postgresql-$VERSION)"
  for cmd in runuser ss; do
    command -v "$cmd" >/dev/null 2>&1 || die "missing $cmd (apt-get install -y util-linux iproute2)"
  done
  [ -x "$BIN/postgres" ] && [ -x "$BIN/pg_basebackup" ] && [ -x "$BIN/psql" ] ||
    die "PostgreSQL $VERSION's server is not installed in $BIN (apt-get install -y postgresql-$VERSION)"
  command -v "$PGBOUNCER" >/dev/null 2>&1 || die "pgbouncer is missing ($PGBOUNCER not found; apt-get install -y pgbouncer)"
  id postgres >/dev/null 2>&1 || die "there is no postgres user (Debian's postgresql-common makes it)"
  for name in "$PRIMARY" "$REPLICA"; do
    [ "$name" != main ] || die "refusing to manage a cluster named main"
  done
  for port in "$PRIMARY_PORT" "$REPLICA_PORT" "$BOUNCER_PORT"; do
    [[ "$port" =~ ^[0-9]+$ ]] || die "not a port: $port"
  done
  [ "$PRIMARY_PORT" != "$REPLICA_PORT" ] && [ "$PRIMARY_PORT" != "$BOUNCER_PORT" ] && [ "$REPLICA_PORT" != "$BOUNCER_PORT" ] ||
    die "the primary, the replica and PgBouncer need three different ports"
}

# ------------------------------------------------------------------ helpers

# psql as postgres over TCP; -X: no ~/.psqlrc; -At: bare values.
q() {
  local port="$1" db="$2"
  shift 2
  "$BIN/psql" -X -At -v ON_ERROR_STOP=1 -h "$HOST" -p "$port" -U postgres -d "$db" "$@"
}

exists() { pg_lsclusters -h "$VERSION" "$1" >/dev/null 2>&1; }

# What pg_dropcluster leaves of a cluster's configuration: our own file in conf.d, and then empty
# directories. Only our file is removed, and only empty directories.
remove_leftovers() {
  local etc="/etc/postgresql/$VERSION/$1"
  rm -f "$etc/conf.d/huijia-topology.conf"
  rmdir "$etc/conf.d" "$etc" 2>/dev/null || true
}
datadir() { sed -n "s/^data_directory = '\(.*\)'.*/\1/p" "/etc/postgresql/$VERSION/$1/postgresql.conf"; }
online() { pg_lsclusters -h "$VERSION" "$1" 2>/dev/null | awk '{print $4}' | grep -q '^online'; }
port_of() { pg_lsclusters -h "$VERSION" "$1" 2>/dev/null | awk '{print $3}'; }

# Who listens on 127.0.0.1:$1 (a process name, or nothing).
listener() { ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)".*/\1/p' | head -n1; }

port_free_or_ours() {
  local port="$1" what="$2" who
  who="$(listener "$port")"
  [ -z "$who" ] || die "port $port (for $what) is taken by ${who}; free it or set the TOPOLOGY_*_PORT variables"
}

bouncer_running() {
  [ -f "$BOUNCER_PID" ] || return 1
  local pid
  pid="$(cat "$BOUNCER_PID")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "pgbouncer.*$BOUNCER_CONF"
}

wait_for() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what: not after ${seconds} s"
    sleep 0.2
  done
}

# Settings of a cluster of this topology, in a file of its own in the cluster's conf.d (read after
# postgresql.conf), written again by every `up` (a change needs the cluster restarted).
write_settings() {
  cat >"/etc/postgresql/$VERSION/$1/conf.d/huijia-topology.conf" <<EOF
# Written by huijia's scripts/topology/topology.sh.
listen_addresses = '$HOST'
max_connections = 100
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
# The replica tells the primary what it has replayed every second (status shows the lag).
wal_receiver_status_interval = 1s
EOF
  chown postgres:postgres "/etc/postgresql/$VERSION/$1/conf.d/huijia-topology.conf"
}

# Trust from this machine only: connections, and replication for pg_basebackup and the standby.
write_hba() {
  cat >"/etc/postgresql/$VERSION/$1/pg_hba.conf" <<EOF
# Written by huijia's scripts/topology/topology.sh: trust, from this machine only.
local   all             all                     peer
host    all             all         $HOST/32    trust
host    replication     all         $HOST/32    trust
EOF
  chown postgres:postgres "/etc/postgresql/$VERSION/$1/pg_hba.conf"
}

create_cluster() {
  local name="$1" port="$2"
  # --start-conf manual: nothing of this topology comes back by itself after a reboot. initdb
  # --no-sync: a cluster made for trying things (and made again by `up`) need not wait for fsync.
  pg_createcluster "$VERSION" "$name" -p "$port" --start-conf manual -- --no-sync >/dev/null
}

# ------------------------------------------------------------------ up

up_primary() {
  if ! exists "$PRIMARY"; then
    remove_leftovers "$PRIMARY"
    port_free_or_ours "$PRIMARY_PORT" "the primary"
    say "creating the primary: cluster $VERSION/$PRIMARY on port $PRIMARY_PORT"
    create_cluster "$PRIMARY" "$PRIMARY_PORT"
  fi
  [ "$(port_of "$PRIMARY")" = "$PRIMARY_PORT" ] || die "cluster $VERSION/$PRIMARY exists on port $(port_of "$PRIMARY"), not $PRIMARY_PORT: run '$0 down' first"
  write_settings "$PRIMARY"
  write_hba "$PRIMARY"
  if ! online "$PRIMARY"; then
    port_free_or_ours "$PRIMARY_PORT" "the primary"
    say "starting the primary"
    pg_ctlcluster "$VERSION" "$PRIMARY" start
  fi
  wait_for 30 "the primary answering on $PRIMARY_PORT" q "$PRIMARY_PORT" postgres -c 'select 1'
  [ "$(q "$PRIMARY_PORT" postgres -c 'select pg_is_in_recovery()')" = f ] || die "the cluster on $PRIMARY_PORT is in recovery: it is not a primary"
  if [ "$(q "$PRIMARY_PORT" postgres -c "select count(*) from pg_database where datname = '$DATABASE'")" = 0 ]; then
    say "creating database $DATABASE on the primary"
    q "$PRIMARY_PORT" postgres -c "create database \"$DATABASE\"" >/dev/null
  fi
}

replica_streaming() {
  [ "$(q "$REPLICA_PORT" postgres -c 'select pg_is_in_recovery()')" = t ] &&
    [ "$(q "$PRIMARY_PORT" postgres -c "$STREAMING and r.state = 'streaming'")" = 1 ]
}

rebuild_replica() {
  local data
  data="$(datadir "$REPLICA")"
  [ -n "$data" ] && [ "$data" != / ] || die "cannot find the data directory of $VERSION/$REPLICA"
  if online "$REPLICA"; then pg_ctlcluster "$VERSION" "$REPLICA" stop -m fast; fi
  # A slot left by an earlier replica would keep WAL forever; it is made again by pg_basebackup -C.
  q "$PRIMARY_PORT" postgres -c "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '$SLOT' and not active" >/dev/null
  say "copying the primary into the replica (pg_basebackup -R, slot $SLOT)"
  find "$data" -mindepth 1 -delete
  runuser -u postgres -- "$BIN/pg_basebackup" -h "$HOST" -p "$PRIMARY_PORT" -U postgres -D "$data" \
    -R -X stream -c fast -C -S "$SLOT" --no-sync >/dev/null
  # -R wrote standby.signal, primary_conninfo and primary_slot_name into postgresql.auto.conf.
  [ -f "$data/standby.signal" ] || die "pg_basebackup did not write $data/standby.signal"
}

up_replica() {
  local fresh=0
  if ! exists "$REPLICA"; then
    remove_leftovers "$REPLICA"
    port_free_or_ours "$REPLICA_PORT" "the replica"
    say "creating the replica: cluster $VERSION/$REPLICA on port $REPLICA_PORT"
    create_cluster "$REPLICA" "$REPLICA_PORT"
    fresh=1
  fi
  [ "$(port_of "$REPLICA")" = "$REPLICA_PORT" ] || die "cluster $VERSION/$REPLICA exists on port $(port_of "$REPLICA"), not $REPLICA_PORT: run '$0 down' first"
  write_settings "$REPLICA"
  write_hba "$REPLICA"
  # A cluster that is not a standby of this primary (new, or left half-made) is copied again.
  if [ $fresh = 1 ] || [ ! -f "$(datadir "$REPLICA")/standby.signal" ]; then
    rebuild_replica
  fi
  if ! online "$REPLICA"; then
    port_free_or_ours "$REPLICA_PORT" "the replica"
    say "starting the replica"
    pg_ctlcluster "$VERSION" "$REPLICA" start
  fi
  if ! wait_for_streaming 30; then
    say "the replica does not stream from the primary; copying it again"
    rebuild_replica
    pg_ctlcluster "$VERSION" "$REPLICA" start
    wait_for_streaming 60 || die "the replica does not stream from the primary (see /var/log/postgresql/postgresql-$VERSION-$REPLICA.log)"
  fi
}

wait_for_streaming() {
  local deadline=$((SECONDS + $1))
  until replica_streaming >/dev/null 2>&1; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

write_bouncer_conf() {
  # `down` removes $DIR whole: never take over a directory this script did not make.
  if [ -d "$DIR" ] && [ ! -f "$MARK" ] && [ -n "$(ls -A "$DIR")" ]; then
    die "$DIR exists and was not made by this script: set TOPOLOGY_DIR to a directory of its own"
  fi
  mkdir -p "$DIR"
  touch "$MARK"
  # With auth_type = trust the user must still be listed in the auth file.
  printf '"postgres" ""\n' >"$DIR/userlist.txt"
  cat >"$BOUNCER_CONF.new" <<EOF
; Written by huijia's scripts/topology/topology.sh; removed by '$0 down'.
[databases]
; Every database name goes to the primary (the API's, and the tests' own).
* = host=$HOST port=$PRIMARY_PORT

[pgbouncer]
listen_addr = $HOST
listen_port = $BOUNCER_PORT
unix_socket_dir = $DIR
pidfile = $BOUNCER_PID
logfile = $BOUNCER_LOG
auth_type = trust
auth_file = $DIR/userlist.txt
admin_users = postgres
stats_users = postgres

; A server connection goes back to the pool at the end of each transaction: the API's two
; processes (10 client connections each by default) share a few server connections.
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
min_pool_size = 0
reserve_pool_size = 5
reserve_pool_timeout = 1
max_db_connections = 40
server_reset_query =
server_check_delay = 10
; node-postgres and drizzle send none of these, other clients (psql, pgbench) may.
ignore_startup_parameters = extra_float_digits,options,search_path
EOF
  mv "$BOUNCER_CONF.new" "$BOUNCER_CONF"
  chown -R postgres:postgres "$DIR"
  chmod 700 "$DIR"
}

up_bouncer() {
  write_bouncer_conf
  if bouncer_running; then
    # Same file: a reload picks up any change (the port excepted, which needs a 'down').
    kill -HUP "$(cat "$BOUNCER_PID")"
  else
    rm -f "$BOUNCER_PID"
    port_free_or_ours "$BOUNCER_PORT" "PgBouncer"
    say "starting PgBouncer (transaction mode) on $BOUNCER_PORT"
    # PgBouncer refuses to run as root; -u switches to postgres, -d goes to the background.
    "$PGBOUNCER" -d -u postgres "$BOUNCER_CONF" || die "pgbouncer did not start; see $BOUNCER_LOG"
  fi
  wait_for 15 "PgBouncer answering on $BOUNCER_PORT" q "$BOUNCER_PORT" "$DATABASE" -c 'select 1'
}

print_env() {
  cat <<EOF
DATABASE_URL=postgres://postgres@$HOST:$BOUNCER_PORT/$DATABASE
DATABASE_POOLING=transaction
DATABASE_LISTEN_URL=postgres://postgres@$HOST:$PRIMARY_PORT/$DATABASE
DATABASE_REPLICA_URL=postgres://postgres@$HOST:$REPLICA_PORT/$DATABASE
WORKERS=2
EOF
}

cmd_up() {
  require up
  local started=$SECONDS
  up_primary
  up_replica
  up_bouncer
  say "up in $((SECONDS - started)) s: primary $HOST:$PRIMARY_PORT, replica $HOST:$REPLICA_PORT (streaming), PgBouncer $HOST:$BOUNCER_PORT (transaction mode)"
  say "the API's environment (through PgBouncer; LISTEN on the primary directly; figures and ledgers from the replica):"
  print_env
}

# ------------------------------------------------------------------ status

cmd_status() {
  require status
  local ok=0
  if exists "$PRIMARY" && online "$PRIMARY"; then
    echo "primary   $VERSION/$PRIMARY  $HOST:$PRIMARY_PORT  online"
  elif exists "$PRIMARY"; then
    echo "primary   $VERSION/$PRIMARY  $HOST:$PRIMARY_PORT  DOWN"
    ok=1
  else
    echo "primary   absent"
    ok=1
  fi
  if exists "$REPLICA" && online "$REPLICA"; then
    local recovery lag
    recovery="$(q "$REPLICA_PORT" postgres -c 'select pg_is_in_recovery()' 2>/dev/null || echo '?')"
    lag="$(q "$PRIMARY_PORT" postgres -c "select r.state || ', ' || coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn), 0) || ' bytes behind, replay lag ' || coalesce(r.replay_lag::text, '0')
      from pg_stat_replication r join pg_replication_slots s on s.active_pid = r.pid where s.slot_name = '$SLOT'" 2>/dev/null || true)"
    echo "replica   $VERSION/$REPLICA  $HOST:$REPLICA_PORT  online, in recovery: $recovery, ${lag:-NOT STREAMING}"
    [ "$recovery" = t ] && [ -n "$lag" ] || ok=1
  elif exists "$REPLICA"; then
    echo "replica   $VERSION/$REPLICA  $HOST:$REPLICA_PORT  DOWN"
    ok=1
  else
    echo "replica   absent"
    ok=1
  fi
  if bouncer_running; then
    echo "pgbouncer pid $(cat "$BOUNCER_PID")  $HOST:$BOUNCER_PORT  transaction mode  ($BOUNCER_CONF)"
    q "$BOUNCER_PORT" pgbouncer -c 'show pools' 2>/dev/null |
      awk -F'|' '$1 != "pgbouncer" {printf "          pool %s/%s: %s clients active, %s waiting; %s servers active, %s idle\n", $1, $2, $3, $4, $7, $10}' || true
  else
    echo "pgbouncer not running"
    ok=1
  fi
  return $ok
}

# ------------------------------------------------------------------ down

cmd_down() {
  require down
  if bouncer_running; then
    local pid
    pid="$(cat "$BOUNCER_PID")"
    say "stopping PgBouncer (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  if [ -d "$DIR" ]; then
    if [ -f "$MARK" ]; then rm -rf "$DIR"; else say "leaving $DIR alone: it was not made by this script"; fi
  fi
  for name in "$REPLICA" "$PRIMARY"; do
    if exists "$name"; then
      say "dropping cluster $VERSION/$name"
      # Dropped right after: no need for a clean shutdown (and its checkpoint).
      if online "$name"; then pg_ctlcluster "$VERSION" "$name" stop -m immediate; fi
      pg_dropcluster --stop "$VERSION" "$name"
    fi
    remove_leftovers "$name"
  done
  say "down"
}

# ------------------------------------------------------------------ main

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  *) usage ;;
esac
