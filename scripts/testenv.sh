#!/usr/bin/env bash
# Berth's test bed: a real Docker engine and a real local registry (localhost:5000).
#
#   scripts/testenv.sh [up]    install what is missing, start the engine and the registry (default)
#   scripts/testenv.sh engine  install what is missing, start the engine only (for `make run`)
#   scripts/testenv.sh status  tell what answers and what this script started
#   scripts/testenv.sh down    stop only what this script started (by its pidfiles)
#
# Idempotent: running `up` twice starts nothing the second time. Never starts a second dockerd.
# Needs root on Debian 12 (apt-get, dockerd). State (logs, pidfiles, registry storage) lives in
# $BERTH_TESTENV_DIR, by default the repository's .testenv/ (gitignored).
set -euo pipefail

# dockerd, and the iptables it runs, live in /usr/sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${BERTH_TESTENV_DIR:-$repo/.testenv}

# Debian packages: the engine, the registry, cgo + Fyne's C libraries, and the tools for
# driving a real window under Xvfb; Debian's docker-compose (1.29) for the compose tests and
# Noto CJK for Hangul (a fresh machine has neither: CI failed without docker-compose).
PACKAGES="docker.io docker-registry gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb libgl1-mesa-dri xdotool x11-apps imagemagick dbus curl docker-compose fonts-noto-cjk"

REGISTRY_ADDR=127.0.0.1:5000
DEFAULT_SOCK=/var/run/docker.sock
ENGINE_WAIT=60
REGISTRY_WAIT=30

# new_log_lines FILE LINES prints what FILE got past its first LINES lines (at most 20 lines).
new_log_lines() { tail -n +"$(($2 + 1))" "$1" 2>/dev/null | tail -n 20 >&2 || true; }
log_length() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }

log() { printf 'testenv: %s\n' "$*" >&2; }
die() {
	printf 'testenv: ERROR: %s\n' "$*" >&2
	exit 1
}

# --- packages -------------------------------------------------------------------------------

missing_packages() {
	local p missing=()
	for p in $PACKAGES; do
		if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
			missing+=("$p")
		fi
	done
	echo "${missing[*]:-}"
}

ensure_packages() {
	local missing
	missing=$(missing_packages)
	if [ -z "$missing" ]; then
		return 0
	fi
	[ "$(id -u)" = 0 ] || die "missing packages ($missing) and not root: install them with apt-get"
	log "installing missing packages: $missing"
	apt-get update -q || die "apt-get update failed"
	# --no-upgrade: what is installed already stays as it is (an upgraded docker.io would
	# restart the engine under everyone's feet).
	# shellcheck disable=SC2086 # the list is meant to split into words
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade $PACKAGES || die "apt-get install failed"
}

# --- engine ---------------------------------------------------------------------------------

# ping_engine prints nothing and succeeds when the engine at $DOCKER_HOST (or the default socket)
# answers /_ping with OK.
ping_engine() {
	local host=${DOCKER_HOST:-unix://$DEFAULT_SOCK} out
	case $host in
	unix://*) out=$(curl -sf -m 5 --unix-socket "${host#unix://}" http://x/_ping 2>/dev/null) ;;
	tcp://*) out=$(curl -sf -m 5 "http://${host#tcp://}/_ping" 2>/dev/null) ;;
	*) return 1 ;;
	esac
	[ "$out" = OK ]
}

# pid_alive_dockerd PID succeeds if PID is a live dockerd process.
pid_alive_dockerd() {
	local pid=$1
	[ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

# running_dockerd prints the pid of a dockerd already running on this machine, if any.
running_dockerd() {
	local pid
	if [ -r /var/run/docker.pid ]; then
		pid=$(cat /var/run/docker.pid 2>/dev/null || true)
		if pid_alive_dockerd "$pid"; then
			echo "$pid"
			return 0
		fi
	fi
	for pid in /proc/[0-9]*; do
		pid=${pid#/proc/}
		if pid_alive_dockerd "$pid"; then
			echo "$pid"
			return 0
		fi
	done
	return 1
}

wait_engine() {
	local i
	for ((i = 0; i < ENGINE_WAIT * 2; i++)); do
		if ping_engine; then
			return 0
		fi
		sleep 0.5
	done
	return 1
}

ensure_engine() {
	if ping_engine; then
		log "engine answers at ${DOCKER_HOST:-unix://$DEFAULT_SOCK}"
		return 0
	fi
	if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "unix://$DEFAULT_SOCK" ]; then
		die "DOCKER_HOST=$DOCKER_HOST does not answer /_ping; start that engine or unset DOCKER_HOST"
	fi

	local pid
	if pid=$(running_dockerd); then
		# A dockerd is there but not answering yet (starting up, or busy): never start a second.
		log "dockerd (pid $pid) is running but not answering yet; waiting up to ${ENGINE_WAIT}s"
		wait_engine || die "dockerd (pid $pid) runs but $DEFAULT_SOCK does not answer /_ping after ${ENGINE_WAIT}s; see its log, or stop it and run this script again"
		log "engine answers"
		return 0
	fi

	[ "$(id -u)" = 0 ] || die "the Docker engine does not answer and starting dockerd needs root"
	command -v dockerd >/dev/null || die "dockerd not found (package docker.io)"
	mkdir -p "$state"
	# A stale pidfile from a dockerd that died makes the next one refuse to start.
	if [ -e /var/run/docker.pid ] && ! pid_alive_dockerd "$(cat /var/run/docker.pid 2>/dev/null || true)"; then
		rm -f /var/run/docker.pid
	fi
	local before
	before=$(log_length "$state/dockerd.log")
	log "starting dockerd (log: $state/dockerd.log)"
	# setsid: own session, so the engine outlives this script and its terminal.
	setsid nohup dockerd >>"$state/dockerd.log" 2>&1 </dev/null &
	echo $! >"$state/dockerd.pid"
	if ! wait_engine; then
		new_log_lines "$state/dockerd.log" "$before"
		die "dockerd did not answer /_ping within ${ENGINE_WAIT}s (log: $state/dockerd.log)"
	fi
	# dockerd's own pidfile is authoritative (setsid may have forked).
	if [ -r /var/run/docker.pid ]; then
		cp /var/run/docker.pid "$state/dockerd.pid"
	fi
	log "engine answers (dockerd pid $(cat "$state/dockerd.pid"))"
}

# --- registry -------------------------------------------------------------------------------

ping_registry() {
	curl -sf -m 5 -o /dev/null "http://$REGISTRY_ADDR/v2/"
}

write_registry_config() {
	mkdir -p "$state/registry"
	cat >"$state/registry.yml" <<EOF
# Written by scripts/testenv.sh: a plain local registry without auth for Berth's tests.
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $state/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
  secret: berth-testenv-local-only
EOF
}

ensure_registry() {
	if ping_registry; then
		log "registry answers at $REGISTRY_ADDR"
		return 0
	fi
	command -v docker-registry >/dev/null || die "docker-registry not found (package docker-registry)"
	write_registry_config
	local before
	before=$(log_length "$state/registry.log")
	# Free the blobs of images whose manifests tests deleted (testbed.PushCopy's copies). Only
	# while no registry runs on this storage.
	if [ -d "$state/registry/docker" ]; then
		docker-registry garbage-collect "$state/registry.yml" >>"$state/registry.log" 2>&1 ||
			log "registry garbage-collect failed (see $state/registry.log); going on"
	fi
	log "starting registry on $REGISTRY_ADDR (storage: $state/registry, log: $state/registry.log)"
	setsid nohup docker-registry serve "$state/registry.yml" >>"$state/registry.log" 2>&1 </dev/null &
	local pid=$! i
	echo "$pid" >"$state/registry.pid"
	for ((i = 0; i < REGISTRY_WAIT * 2; i++)); do
		if ping_registry; then
			log "registry answers (pid $pid)"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			break
		fi
		sleep 0.5
	done
	new_log_lines "$state/registry.log" "$before"
	rm -f "$state/registry.pid"
	die "registry did not answer http://$REGISTRY_ADDR/v2/ (log: $state/registry.log); is port ${REGISTRY_ADDR##*:} taken by something else?"
}

# --- status / down --------------------------------------------------------------------------

# ours NAME COMM prints the pid from $state/NAME.pid if that process is alive and is COMM.
ours() {
	local f="$state/$1.pid" pid
	[ -r "$f" ] || return 1
	pid=$(cat "$f")
	[ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
}

status() {
	local missing pid rc=0
	missing=$(missing_packages)
	if [ -z "$missing" ]; then echo "packages: all installed"; else
		echo "packages: missing $missing"
		rc=1
	fi
	if ping_engine; then
		echo "engine:   answers at ${DOCKER_HOST:-unix://$DEFAULT_SOCK}"
	else
		echo "engine:   does not answer"
		rc=1
	fi
	if pid=$(ours dockerd dockerd); then echo "          started by this script (pid $pid)"; fi
	if ping_registry; then echo "registry: answers at $REGISTRY_ADDR"; else
		echo "registry: does not answer"
		rc=1
	fi
	if pid=$(ours registry docker-registry); then echo "          started by this script (pid $pid)"; fi
	echo "state:    $state"
	return $rc
}

stop_pid() { # NAME PID SECONDS
	local name=$1 pid=$2 i
	log "stopping $name (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < $3 * 2; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	log "$name (pid $pid) did not stop in $3 s; sending SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
}

down() {
	local pid
	if pid=$(ours registry docker-registry); then stop_pid registry "$pid" 10; else log "registry: not started by this script"; fi
	rm -f "$state/registry.pid"
	if pid=$(ours dockerd dockerd); then stop_pid dockerd "$pid" 30; else log "dockerd: not started by this script"; fi
	rm -f "$state/dockerd.pid"
}

case ${1:-up} in
up)
	ensure_packages
	ensure_engine
	ensure_registry
	;;
engine)
	ensure_packages
	ensure_engine
	;;
status) status ;;
down) down ;;
-h | --help | help) sed -n '2,11p' "$0" ;;
*) die "unknown command '$1' (use up, engine, status or down)" ;;
esac
