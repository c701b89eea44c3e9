#!/usr/bin/env bash
# Packages Berth with fyne.io/tools (`fyne package`) into dist/.
#
#   scripts/package.sh             dist/berth-VERSION-linux-ARCH.tar.xz
#   scripts/package.sh --windows   also dist/berth-VERSION-windows-amd64.exe (cross-built with
#                                  Debian's gcc-mingw-w64-x86-64, icon and version resources in it)
#   scripts/package.sh --check     also check the tarball: unpack it, install it into a temporary
#                                  prefix with its install.sh, validate the desktop entry and the
#                                  AppStream metainfo, and start the installed binary under Xvfb
#                                  until its window shows (screenshot: dist/check-window.png)
#
# The tarball is what `fyne package -os linux` makes (binary, desktop entry, icon, a Makefile)
# plus Berth's own install.sh, the icon in every hicolor size and the AppStream metainfo:
#
#   berth/install.sh                                  ./install.sh [--user | --prefix DIR] [--uninstall]
#   berth/Makefile                                    fyne's: make user-install / sudo make install
#   berth/usr/local/bin/berth
#   berth/usr/local/bin/berth-compose                 the compose helper (cmd/berth-compose), beside berth
#   berth/usr/local/share/applications/io.github.berth.desktop   fyne's, plus packaging/linux/*.desktop.ko
#   berth/usr/local/share/pixmaps/io.github.berth.png
#   berth/usr/local/share/icons/hicolor/{16x16..512x512,scalable}/apps/io.github.berth.{png,svg}
#   berth/usr/local/share/metainfo/io.github.berth.metainfo.xml
#
# App name, ID, version, build number and icon come from FyneApp.toml. The fyne tool is
# fyne.io/tools v1.7.4, installed with `go install` when missing (it is not in go.mod). The
# packaging runs on a copy of the source tree, so it never writes into the working tree (fyne
# package drops a generated fyne_metadata_init.go and the binary into the source directory
# while it builds).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=$repo/dist
FYNE_TOOLS=fyne.io/tools/cmd/fyne@v1.7.4
ID=io.github.berth
DISPLAY_NUM=${BERTH_PKG_DISPLAY:-23}

log() { printf 'package: %s\n' "$*" >&2; }
fail() {
	printf 'package: FAIL: %s\n' "$*" >&2
	exit 1
}

check=false
windows=false
for a in "$@"; do
	case $a in
	--check) check=true ;;
	--windows) windows=true ;;
	-h | --help)
		sed -n '2,10s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*) fail "unknown option $a (try --help)" ;;
	esac
done

ensure_packages() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep '^install ok installed$' >/dev/null || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || fail "missing packages (${missing[*]}) and not root"
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; } ||
		fail "apt-get install ${missing[*]}"
}

# --- the fyne tool --------------------------------------------------------------------------

fyne=$(go env GOPATH)/bin/fyne
fyne_version=$("$fyne" version 2>&1 || true)
if [[ $fyne_version != *"fyne cli version: v1.7.4"* ]]; then
	log "installing $FYNE_TOOLS"
	GOFLAGS='' go install "$FYNE_TOOLS" || fail "go install $FYNE_TOOLS"
fi

version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$repo/FyneApp.toml" | head -n1)
[ -n "$version" ] || fail "no Version in FyneApp.toml"
arch=$(go env GOARCH)

# --- a copy of the source tree --------------------------------------------------------------

work=$(mktemp -d /tmp/berth-package.XXXXXX)
pids=()
cleanup() {
	local rc=$? p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/src" "$dist"
tar -C "$repo" --exclude=./.git --exclude=./.testenv --exclude=./dist --exclude=./.bench \
	--exclude=./fyne-cross --exclude='*.tar.xz' --exclude='./berth' --exclude='./berth-compose' --exclude='./berth.exe' -cf - . |
	tar -C "$work/src" -xf -

# --- Linux ----------------------------------------------------------------------------------

log "fyne package -os linux (Berth $version; the first run builds for minutes)"
(cd "$work/src" && "$fyne" package -os linux --release) || fail "fyne package -os linux"
[ -f "$work/src/Berth.tar.xz" ] || fail "fyne package made no Berth.tar.xz"

mkdir -p "$work/pkg"
tar -C "$work/pkg" -xJf "$work/src/Berth.tar.xz"
top=$work/pkg/berth
[ -d "$top" ] || fail "unexpected tarball layout: $(ls "$work/pkg")"
usr=$top/usr/local
[ -d "$usr/bin" ] || usr=$top/usr
for s in 16 22 24 32 48 64 128 256 512; do
	install -Dm644 "$repo/assets/icons/berth-$s.png" "$usr/share/icons/hicolor/${s}x${s}/apps/$ID.png"
done
install -Dm644 "$repo/assets/berth.svg" "$usr/share/icons/hicolor/scalable/apps/$ID.svg"
install -Dm644 "$repo/packaging/linux/$ID.metainfo.xml" "$usr/share/metainfo/$ID.metainfo.xml"
# fyne writes the entry in English (FyneApp.toml); the Korean keys come from
# packaging/linux/$ID.desktop.ko, which gui/i18n's tests hold equal to shell.ko.json.
entry=$usr/share/applications/$ID.desktop
[ -f "$entry" ] || fail "fyne package made no $ID.desktop"
sed -i -e '$a\' "$entry" # a last newline before ours
cat "$repo/packaging/linux/$ID.desktop.ko" >>"$entry"
install -Dm755 "$repo/packaging/linux/install.sh" "$top/install.sh"
log "go build ./cmd/berth-compose (the compose helper)"
(cd "$work/src" && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$usr/bin/berth-compose" ./cmd/berth-compose) ||
	fail "go build ./cmd/berth-compose"

tarball=$dist/berth-$version-linux-$arch.tar.xz
tar -C "$work/pkg" --owner=0 --group=0 -cJf "$tarball" berth
log "made $tarball ($(du -h "$tarball" | cut -f1))"

# --- Windows --------------------------------------------------------------------------------

if $windows; then
	ensure_packages gcc-mingw-w64-x86-64
	log "fyne package -os windows (cross-built with x86_64-w64-mingw32-gcc)"
	exe=$dist/berth-$version-windows-amd64.exe
	rm -f "$exe"
	if (cd "$work/src" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
		"$fyne" package -os windows --release) >"$work/windows.log" 2>&1 &&
		[ -f "$work/src/Berth.exe" ]; then # fyne names it after the app
		cp "$work/src/Berth.exe" "$exe"
		x86_64-w64-mingw32-objdump -h "$exe" | grep '\.rsrc' >/dev/null || fail "$exe has no resources (icon)"
		log "made $exe ($(du -h "$exe" | cut -f1))"
	else
		tail -n 20 "$work/windows.log" >&2
		fail "fyne package -os windows failed"
	fi
fi

# --- check ----------------------------------------------------------------------------------

if $check; then
	ensure_packages xvfb xdotool imagemagick desktop-file-utils appstream xz-utils
	log "checking $tarball"
	mkdir -p "$work/unpacked" "$work/prefix"
	tar -C "$work/unpacked" -xJf "$tarball"
	"$work/unpacked/berth/install.sh" --prefix "$work/prefix" >/dev/null || fail "install.sh --prefix"
	for f in bin/berth bin/berth-compose share/applications/$ID.desktop share/pixmaps/$ID.png share/metainfo/$ID.metainfo.xml \
		share/icons/hicolor/16x16/apps/$ID.png share/icons/hicolor/512x512/apps/$ID.png share/icons/hicolor/scalable/apps/$ID.svg; do
		[ -e "$work/prefix/$f" ] || fail "install.sh did not install $f"
	done
	printf 'services:\n  web:\n    image: localhost:5000/berthtest/web:1\n    ports: ["8080:80"]\n' >"$work/compose.yaml"
	"$work/prefix/bin/berth-compose" config -f "$work/compose.yaml" -p berthcheck | grep -q '"kind":"config"' ||
		fail "the installed berth-compose does not read a compose file: $("$work/prefix/bin/berth-compose" config -f "$work/compose.yaml" -p berthcheck 2>&1 | head -n 5)"
	desktop="$work/prefix/share/applications/$ID.desktop"
	grep -qx "Exec=$work/prefix/bin/berth" "$desktop" || fail "desktop entry Exec: $(grep '^Exec' "$desktop")"
	grep -qx "Icon=$ID" "$desktop" || fail "desktop entry Icon: $(grep '^Icon' "$desktop")"
	grep -qx "Comment\[ko\]=.*" "$desktop" || fail "desktop entry has no Comment[ko]"
	desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
	appstreamcli validate --no-net --pedantic "$work/prefix/share/metainfo/$ID.metainfo.xml" >/dev/null ||
		fail "appstreamcli validate: $(appstreamcli validate --no-net "$work/prefix/share/metainfo/$ID.metainfo.xml")"
	"$work/unpacked/berth/install.sh" --prefix "$work/prefix" --uninstall >/dev/null || fail "install.sh --uninstall"
	left=$(find "$work/prefix" -type f | grep -v -e '/icon-theme.cache$' -e '/mimeinfo.cache$' || true)
	[ -z "$left" ] || fail "install.sh --uninstall left: $left"
	"$work/unpacked/berth/install.sh" --prefix "$work/prefix" >/dev/null

	export DISPLAY=":$DISPLAY_NUM" LANG=en_US.UTF-8
	lock="/tmp/.X$DISPLAY_NUM-lock"
	if [ -e "$lock" ]; then
		kill -0 "$(tr -d ' ' <"$lock")" 2>/dev/null &&
			fail "display $DISPLAY is in use; set BERTH_PKG_DISPLAY to another number"
		rm -f "$lock" "/tmp/.X11-unix/X$DISPLAY_NUM"
	fi
	Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
	xvfb=$!
	pids+=("$xvfb")
	deadline=$((SECONDS + 20))
	until xdotool getdisplaygeometry >/dev/null 2>&1; do
		kill -0 "$xvfb" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
		[ $SECONDS -lt $deadline ] || fail "Xvfb did not start"
		sleep 0.1
	done
	sleep 0.2
	kill -0 "$xvfb" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
	mkdir -p "$work/home/config" "$work/home/cache"
	# No session bus: the installed binary must start (and later quit) without a tray.
	env -u DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME="$work/home/config" XDG_CACHE_HOME="$work/home/cache" \
		"$work/prefix/bin/berth" >"$work/berth.log" 2>&1 &
	berth=$!
	pids+=("$berth")
	deadline=$((SECONDS + 30))
	until xdotool search --onlyvisible --name '^Berth$' >/dev/null 2>&1; do
		kill -0 "$berth" 2>/dev/null || fail "the installed berth exited: $(head -n 12 "$work/berth.log")"
		[ $SECONDS -lt $deadline ] || fail "the installed berth showed no window in 30 s"
		sleep 0.1
	done
	sleep 1.5 # let it draw, and let Fyne install its SIGTERM handler
	import -window root "$dist/check-window.png"
	# Park the pointer off the window first: Fyne 2.7.1 can crash while quitting when a
	# mouse-move event arrives for a window it has already destroyed (nil GLFW window in
	# SetInputMode); Xvfb starts with the pointer over the middle of the window.
	xdotool mousemove 1279 799 >/dev/null 2>&1 || true
	sleep 0.2
	kill -TERM "$berth"
	rc=0
	wait "$berth" || rc=$?
	[ "$rc" = 0 ] || fail "the installed berth exited with status $rc on SIGTERM: $(grep -v '^[[:space:]]*$' "$work/berth.log" | head -n 40)"
	log "check passed: installed into a temporary prefix, window shown (dist/check-window.png), quit cleanly"
fi
