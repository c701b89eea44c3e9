#!/usr/bin/env bash
# Renders Berth's icon PNGs from the SVG sources in this directory.
#
#   assets/render.sh        needs rsvg-convert (Debian: apt-get install -y librsvg2-bin)
#
# berth.svg        the whale, detailed: 48 px and up, and the app/window icon
# berth-small.svg  the same whale simplified and cropped tighter: 16-32 px and the tray
# berth-tray-off.svg  the tray icon when the engine is not reachable (grey, red badge)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v rsvg-convert >/dev/null || { echo "render.sh: rsvg-convert missing (apt-get install -y librsvg2-bin)" >&2; exit 1; }
mkdir -p icons
for s in 16 22 24 32; do
	rsvg-convert -w "$s" -h "$s" berth-small.svg -o "icons/berth-$s.png"
done
for s in 48 64 128 256 512; do
	rsvg-convert -w "$s" -h "$s" berth.svg -o "icons/berth-$s.png"
done
rsvg-convert -w 64 -h 64 berth-small.svg -o tray.png
rsvg-convert -w 64 -h 64 berth-tray-off.svg -o tray-off.png
cp icons/berth-512.png berth.png
