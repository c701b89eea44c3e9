#!/bin/sh
# Installs Berth from its unpacked release tarball (this script sits next to usr/).
#
#   ./install.sh                 as root: into /usr/local; as a user: into ~/.local
#   ./install.sh --user          into ~/.local
#   ./install.sh --prefix DIR    into DIR (PREFIX=DIR in the environment works too)
#   ./install.sh --uninstall     remove what an install put there (same prefix options)
#
# DESTDIR is honoured, for packagers. What goes where, under the prefix:
#   bin/berth
#   bin/berth-compose (the compose helper, started by Berth when a compose file is used)
#   share/applications/io.github.berth.desktop
#   share/icons/hicolor/<size>/apps/io.github.berth.png, .../scalable/apps/io.github.berth.svg
#   share/pixmaps/io.github.berth.png
#   share/metainfo/io.github.berth.metainfo.xml
set -eu

ID=io.github.berth
here=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }

prefix=${PREFIX:-}
uninstall=false
while [ $# -gt 0 ]; do
	case $1 in
	--user) prefix=$HOME/.local ;;
	--prefix) [ $# -ge 2 ] || { usage >&2; exit 2; }; prefix=$2; shift ;;
	--prefix=*) prefix=${1#--prefix=} ;;
	--uninstall) uninstall=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
	shift
done
if [ -z "$prefix" ]; then
	if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix=$HOME/.local; fi
fi
case $prefix in
/*) ;;
*) prefix=$(pwd)/$prefix ;;
esac
dest=${DESTDIR:-}$prefix

# The tarball's own tree: usr/local/... or usr/... (fyne package picks one).
src=$here/usr/local
[ -d "$src/bin" ] || src=$here/usr
[ -x "$src/bin/berth" ] || { echo "install.sh: no usr/bin/berth next to this script: run it from the unpacked tarball" >&2; exit 1; }

icons=$(cd "$src/share/icons/hicolor" 2>/dev/null && find . -name "$ID.*" | sed 's|^\./||')

refresh_caches() {
	# Let menus and icon themes see the change; missing tools are fine.
	command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$dest/share/applications" 2>/dev/null || true
	command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$dest/share/icons/hicolor/index.theme" ] &&
		gtk-update-icon-cache -q -t "$dest/share/icons/hicolor" 2>/dev/null || true
}

if $uninstall; then
	rm -f "$dest/bin/berth" "$dest/bin/berth-compose" "$dest/share/applications/$ID.desktop" "$dest/share/pixmaps/$ID.png" \
		"$dest/share/metainfo/$ID.metainfo.xml"
	for f in $icons; do rm -f "$dest/share/icons/hicolor/$f"; done
	refresh_caches
	echo "Berth removed from $dest"
	exit 0
fi

install -Dm755 "$src/bin/berth" "$dest/bin/berth"
[ ! -f "$src/bin/berth-compose" ] || install -Dm755 "$src/bin/berth-compose" "$dest/bin/berth-compose"
install -Dm644 "$src/share/pixmaps/$ID.png" "$dest/share/pixmaps/$ID.png"
for f in $icons; do install -Dm644 "$src/share/icons/hicolor/$f" "$dest/share/icons/hicolor/$f"; done
if [ -f "$src/share/metainfo/$ID.metainfo.xml" ]; then
	install -Dm644 "$src/share/metainfo/$ID.metainfo.xml" "$dest/share/metainfo/$ID.metainfo.xml"
fi
# The menu entry starts the installed binary by its full path: ~/.local/bin is not always on PATH.
mkdir -p "$dest/share/applications"
exe=$prefix/bin/berth
case $exe in *[[:space:]]*) exe="\"$exe\"" ;; esac
sed -e "s|^Exec=berth|Exec=$exe|" -e "s|^TryExec=.*||" "$src/share/applications/$ID.desktop" \
	>"$dest/share/applications/$ID.desktop"
chmod 644 "$dest/share/applications/$ID.desktop"
refresh_caches
echo "Berth installed in $dest (run $prefix/bin/berth, or find Berth in your applications menu)"
