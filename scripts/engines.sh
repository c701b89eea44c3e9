#!/usr/bin/env bash
# Berth's second test bed (issue 8): more engines, reached every way the docker CLI reaches one.
#
#   scripts/engines.sh [up]   start what is not running (idempotent, a few seconds when all runs)
#   scripts/engines.sh status tell what answers
#   scripts/engines.sh down   stop what this script started (by its pidfiles)
#
# What runs (state in $BERTH_TESTENV_DIR/engines, by default .testenv/engines; ports in ports.env):
#   - a second dockerd inside `unshare --net` (never the host's network namespace: a dockerd there
#     deletes docker0) on its own socket docker.sock, --data-root, --exec-root, --pidfile,
#     --bridge none;
#   - that engine over TCP+TLS on 127.0.0.1: socat openssl-listen verify=1 on TLS_PORT (a server
#     certificate for 127.0.0.1/localhost) and WRONGNAME_PORT (one for wrong.example), with the
#     certificates made here by openssl: tls/good (ca, client cert), tls/wrongca (another CA),
#     tls/untrusted (a client certificate the server does not trust), tls/nocert (CA only);
#   - that engine over ssh: Debian's sshd on SSH_PORT (and SSH_NODOCKER_PORT, where `docker` is not
#     in PATH) with its own sshd_config and host key; bin/ssh runs ssh with ssh/ssh_config, whose
#     hosts are berth-ssh (works), berth-ssh-unknown (host key unknown), berth-ssh-changed (host
#     key changed), berth-ssh-ask (unknown host key, ssh would ask), berth-ssh-badkey (a key the server refuses), berth-ssh-nodocker,
#     berth-ssh-refused (nothing listens);
#   - Podman 4.3 (`podman system service`) on podman/podman.sock in its own network namespace, its
#     storage, registries.conf (localhost:5000 insecure, reached through a socat relay) and
#     containers.conf private;
#   - a user without access to docker.sock (berthnodocker), for the permission-denied case.
# Needs root on Debian 12. Never touches /var/run/docker.sock, the host's docker0 or ~/.docker.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${BERTH_TESTENV_DIR:-$repo/.testenv}/engines
PACKAGES="socat openssh-server openssh-client podman openssl uidmap"

# Loopback ports: a base and the next four. BERTH_ENGINES_PORT chooses the base; else this
# checkout's running test bed keeps its own (ports.env), and a new one takes the first of 23760,
# 23770, ... 23860 whose five ports are all free (another checkout's test bed may hold some).
# The tests read the ports from ports.env.
ports_free() { # ports_free BASE: none of BASE..BASE+4 answers on 127.0.0.1
	local p
	for ((p = $1; p < $1 + 5; p++)); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 1; fi
	done
}
pick_base() {
	local b
	if [ -n "${BERTH_ENGINES_PORT:-}" ]; then
		echo "$BERTH_ENGINES_PORT"
		return
	fi
	if [ -f "$state/ports.env" ] && [ -f "$state/socat-tls.pid" ] && kill -0 "$(cat "$state/socat-tls.pid")" 2>/dev/null; then
		sed -n 's/^TLS_PORT=//p' "$state/ports.env"
		return
	fi
	for b in $(seq 23760 10 23860); do
		if ports_free "$b"; then
			echo "$b"
			return
		fi
	done
	echo 23760 # all taken: up says which port
}
base=$(pick_base)
TLS_PORT=$base
WRONGNAME_PORT=$((base + 1))
SSH_PORT=$((base + 2))
SSH_NODOCKER_PORT=$((base + 3))
SSH_REFUSED_PORT=$((base + 4))
NOUSER=berthnodocker

log() { printf 'engines: %s\n' "$*" >&2; }
die() {
	printf 'engines: ERROR: %s\n' "$*" >&2
	exit 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_free PORT dies when something that is not ours listens on 127.0.0.1:PORT.
port_free() {
	if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
		die "127.0.0.1:$1 is taken (another checkout's scripts/engines.sh? run its down, or set BERTH_ENGINES_PORT)"
	fi
}

# wait_for WHAT SECONDS CMD... polls CMD every 0.1 s.
wait_for() {
	local what=$1 secs=$2 i
	shift 2
	for ((i = 0; i < secs * 10; i++)); do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.1
	done
	die "$what did not come up in ${secs}s (logs in $state)"
}

ensure_packages() {
	local p missing=()
	for p in $PACKAGES; do
		[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
	done
	[ ${#missing[@]} = 0 ] && return 0
	log "installing ${missing[*]}"
	apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
}

# --- certificates ----------------------------------------------------------------------------

cert() { # cert NAME CA SUBJECT EXT: NAME-key.pem, NAME.pem signed by CA (CA.pem, CA-key.pem)
	local d=$state/pki
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$3" \
		-keyout "$d/$1-key.pem" -out "$d/$1.csr" 2>/dev/null
	printf '%s\n' "$4" >"$d/$1.ext"
	openssl x509 -req -in "$d/$1.csr" -CA "$d/$2.pem" -CAkey "$d/$2-key.pem" -CAcreateserial -days 3650 \
		-extfile "$d/$1.ext" -out "$d/$1.pem" 2>/dev/null
}

make_certs() {
	[ -f "$state/tls/good/key.pem" ] && return 0
	local d=$state/pki c
	mkdir -p "$d"
	for c in ca wrongca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
			-subj "/CN=Berth test $c" -keyout "$d/$c-key.pem" -out "$d/$c.pem" 2>/dev/null
	done
	cert server ca localhost $'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
	cert wrongname ca wrong.example $'subjectAltName=DNS:wrong.example\nextendedKeyUsage=serverAuth'
	cert client ca berth-client 'extendedKeyUsage=clientAuth'
	cert untrusted wrongca berth-untrusted 'extendedKeyUsage=clientAuth'
	mkdir -p "$state/tls/good" "$state/tls/wrongca" "$state/tls/untrusted" "$state/tls/nocert"
	install -m 0644 "$d/ca.pem" "$state/tls/good/ca.pem"
	install -m 0644 "$d/client.pem" "$state/tls/good/cert.pem"
	install -m 0600 "$d/client-key.pem" "$state/tls/good/key.pem"
	install -m 0644 "$d/wrongca.pem" "$state/tls/wrongca/ca.pem"
	install -m 0644 "$d/client.pem" "$state/tls/wrongca/cert.pem"
	install -m 0600 "$d/client-key.pem" "$state/tls/wrongca/key.pem"
	install -m 0644 "$d/ca.pem" "$state/tls/untrusted/ca.pem"
	install -m 0644 "$d/untrusted.pem" "$state/tls/untrusted/cert.pem"
	install -m 0600 "$d/untrusted-key.pem" "$state/tls/untrusted/key.pem"
	install -m 0644 "$d/ca.pem" "$state/tls/nocert/ca.pem"
}

# --- the second dockerd ----------------------------------------------------------------------

docker2_up() {
	if alive "$state/dockerd.pid" && [ -S "$state/docker.sock" ]; then return 0; fi
	mkdir -p "$state/docker-data" "$state/x"
	log "starting a second dockerd in its own network namespace"
	# unshare execs sh, which execs dockerd: $! is dockerd's pid; lo comes up first.
	setsid unshare --net -- sh -c 'ip link set lo up; exec "$@"' sh \
		dockerd --host "unix://$state/docker.sock" --data-root "$state/docker-data" --exec-root "$state/x" \
		--pidfile "$state/dockerd.pid" --bridge none --iptables=false --ip6tables=false --ip-masq=false \
		--containerd-namespace berth-engines --containerd-plugins-namespace berth-engines-plugins \
		>"$state/dockerd.log" 2>&1 </dev/null &
	wait_for "the second dockerd" 40 docker -H "unix://$state/docker.sock" version
}

# --- TLS over socat --------------------------------------------------------------------------

socat_up() { # socat_up NAME PORT CERT
	local pid=$state/socat-$1.pid d=$state/pki
	alive "$pid" && return 0
	port_free "$2"
	setsid socat "openssl-listen:$2,bind=127.0.0.1,reuseaddr,fork,cert=$d/$3.pem,key=$d/$3-key.pem,cafile=$d/ca.pem,verify=1" \
		"UNIX-CONNECT:$state/docker.sock" >"$state/socat-$1.log" 2>&1 </dev/null &
	echo $! >"$pid"
	wait_for "socat $1" 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$2"
}

# --- ssh -------------------------------------------------------------------------------------

ssh_up() {
	local s=$state/ssh
	mkdir -p "$s" /run/sshd
	if [ ! -f "$s/host_ed25519" ]; then
		ssh-keygen -q -t ed25519 -N '' -f "$s/host_ed25519"
		ssh-keygen -q -t ed25519 -N '' -f "$s/other_host_ed25519"
		ssh-keygen -q -t ed25519 -N '' -C berth-test -f "$s/id_ed25519"
		ssh-keygen -q -t ed25519 -N '' -C berth-wrong -f "$s/id_wrong"
		cp "$s/id_ed25519.pub" "$s/authorized_keys"
		echo "berth-ssh $(cut -d' ' -f1,2 "$s/host_ed25519.pub")" >"$s/known_hosts"
		echo "berth-ssh $(cut -d' ' -f1,2 "$s/other_host_ed25519.pub")" >"$s/known_hosts_changed"
		: >"$s/known_hosts_empty"
	fi
	cat >"$s/sshd_config" <<EOF
Port $SSH_PORT
Port $SSH_NODOCKER_PORT
ListenAddress 127.0.0.1
HostKey $s/host_ed25519
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Match LocalPort $SSH_NODOCKER_PORT
	ForceCommand env PATH=/nonexistent /bin/sh -c "\$SSH_ORIGINAL_COMMAND"
EOF
	{
		for h in berth-ssh:known_hosts:id_ed25519:$SSH_PORT berth-ssh-unknown:known_hosts_empty:id_ed25519:$SSH_PORT \
			berth-ssh-changed:known_hosts_changed:id_ed25519:$SSH_PORT berth-ssh-badkey:known_hosts:id_wrong:$SSH_PORT \
			berth-ssh-nodocker:known_hosts:id_ed25519:$SSH_NODOCKER_PORT berth-ssh-refused:known_hosts:id_ed25519:$SSH_REFUSED_PORT; do
			IFS=: read -r name kh id port <<<"$h"
			printf 'Host %s\n\tHostName 127.0.0.1\n\tPort %s\n\tUser root\n\tHostKeyAlias berth-ssh\n' "$name" "$port"
			printf '\tIdentityFile %s\n\tIdentitiesOnly yes\n\tIdentityAgent none\n\tBatchMode yes\n' "$s/$id"
			printf '\tUserKnownHostsFile %s\n\tGlobalKnownHostsFile /dev/null\n\tStrictHostKeyChecking yes\n' "$s/$kh"
		done
		# As a user's own config: ssh would ask about the unknown key (Berth's BatchMode says no).
		printf 'Host berth-ssh-ask\n\tHostName 127.0.0.1\n\tPort %s\n\tUser root\n\tHostKeyAlias berth-ssh\n' "$SSH_PORT"
		printf '\tIdentityFile %s\n\tIdentitiesOnly yes\n\tIdentityAgent none\n' "$s/id_ed25519"
		printf '\tUserKnownHostsFile %s\n\tGlobalKnownHostsFile /dev/null\n' "$s/known_hosts_empty"
	} >"$s/ssh_config"
	chmod 600 "$s"/id_* "$s/ssh_config"
	chmod 644 "$s"/id_*.pub
	mkdir -p "$state/bin"
	printf '#!/bin/sh\n# ssh with the test bed'\''s config (the tests put this folder first in PATH)\nexec /usr/bin/ssh -F %q "$@"\n' "$s/ssh_config" >"$state/bin/ssh"
	chmod 755 "$state/bin/ssh"
	alive "$s/sshd.pid" && return 0
	port_free "$SSH_PORT"
	port_free "$SSH_NODOCKER_PORT"
	log "starting sshd on 127.0.0.1:$SSH_PORT"
	/usr/sbin/sshd -f "$s/sshd_config" -E "$s/sshd.log" || die "sshd did not start: $(tail -5 "$s/sshd.log")"
	wait_for "sshd" 10 "$state/bin/ssh" berth-ssh true
}

# --- Podman ----------------------------------------------------------------------------------

podman_up() {
	local p=$state/podman
	if alive "$p/podman.pid" && [ -S "$p/podman.sock" ]; then return 0; fi
	mkdir -p "$p/root" "$p/run" "$p/tmp" "$p/networks"
	cat >"$p/registries.conf" <<EOF
unqualified-search-registries = ["docker.io"]
[[registry]]
location = "localhost:5000"
insecure = true
EOF
	# Podman asks for nofile=1048576 by default, more than this machine's hard limit: runs fail
	# with "error setting rlimit type 7 (6 for nproc): operation not permitted".
	cat >"$p/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$p/events.log"
tmp_dir = "$p/tmp"
[network]
network_config_dir = "$p/networks"
EOF
	# The registry, localhost:5000 in the host's namespace, is localhost:5000 in Podman's too.
	if ! alive "$p/relay.pid"; then
		rm -f "$p/registry.sock"
		setsid socat "UNIX-LISTEN:$p/registry.sock,fork,unlink-early" TCP:127.0.0.1:5000 >"$p/relay.log" 2>&1 </dev/null &
		echo $! >"$p/relay.pid"
	fi
	log "starting podman system service in its own network namespace"
	rm -f "$p/podman.sock"
	CONTAINERS_CONF=$p/containers.conf CONTAINERS_REGISTRIES_CONF=$p/registries.conf \
		setsid unshare --net -- sh -c 'ip link set lo up
		socat TCP-LISTEN:5000,bind=127.0.0.1,reuseaddr,fork "UNIX-CONNECT:$1/registry.sock" &
		exec podman --root "$1/root" --runroot "$1/run" --storage-driver overlay system service --time=0 "unix://$1/podman.sock"' sh "$p" \
		>"$p/podman.log" 2>&1 </dev/null &
	echo $! >"$p/podman.pid"
	wait_for "podman" 30 curl -sf --unix-socket "$p/podman.sock" http://d/_ping
}

# --- a user without the docker group ---------------------------------------------------------

user_up() {
	id "$NOUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$NOUSER"
}

write_ports() {
	cat >"$state/ports.env" <<EOF
TLS_PORT=$TLS_PORT
WRONGNAME_PORT=$WRONGNAME_PORT
SSH_PORT=$SSH_PORT
SSH_NODOCKER_PORT=$SSH_NODOCKER_PORT
SSH_REFUSED_PORT=$SSH_REFUSED_PORT
NOUSER=$NOUSER
EOF
}

up() {
	[ "$(id -u)" = 0 ] || die "needs root"
	ensure_packages
	mkdir -p "$state"
	make_certs
	user_up
	docker2_up
	socat_up tls "$TLS_PORT" server
	socat_up wrongname "$WRONGNAME_PORT" wrongname
	ssh_up
	podman_up
	write_ports
	log "up: docker2 unix://$state/docker.sock, tls 127.0.0.1:$TLS_PORT, ssh berth-ssh, podman unix://$state/podman/podman.sock"
}

stop_pid() { # stop_pid PIDFILE NAME
	if alive "$1"; then
		log "stopping $2"
		local pid
		pid=$(cat "$1")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -f "$1"
}

down() {
	stop_pid "$state/podman/podman.pid" podman
	# What podman leaves when it stops: the registry relay inside its network namespace and the
	# monitors (conmon) of containers still running there.
	pkill -f "UNIX-CONNECT:$state/podman/registry.sock" 2>/dev/null || true
	pkill -f "conmon .*$state/podman/" 2>/dev/null || true
	stop_pid "$state/podman/relay.pid" "the registry relay"
	stop_pid "$state/ssh/sshd.pid" sshd
	stop_pid "$state/socat-tls.pid" "socat tls"
	stop_pid "$state/socat-wrongname.pid" "socat wrongname"
	stop_pid "$state/dockerd.pid" "the second dockerd"
	# Podman's storage stays mounted under the state folder (overlay): unmount what is left
	# there, so the checkout can be removed.
	awk -v d="$state/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
}

status() {
	local ok=0
	check() { if "${@:2}" >/dev/null 2>&1; then echo "ok    $1"; else echo "DOWN  $1"; ok=1; fi; }
	check "docker2 unix://$state/docker.sock" docker -H "unix://$state/docker.sock" version
	check "tls 127.0.0.1:$TLS_PORT" env DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$state/tls/good" docker -H "tcp://127.0.0.1:$TLS_PORT" version
	check "ssh berth-ssh" env PATH="$state/bin:$PATH" "$state/bin/ssh" berth-ssh true
	check "podman unix://$state/podman/podman.sock" curl -sf --unix-socket "$state/podman/podman.sock" http://d/_ping
	return $ok
}

case ${1:-up} in
up) up ;;
down) down ;;
status) status ;;
*) die "usage: $0 [up|down|status]" ;;
esac
