#!/usr/bin/env bash
# Renders Berth's icon PNGs from the SVG sources in this directory.
#
#   assets/render.sh        needs rsvg-convert (Debian: apt-get install -y librsvg2-bin)
#
# berth.svg        the whale, detailed: 48 px and up, and the app/window icon
# berth-small.svg  the same whale simplified and cropped tighter: 16-32 px and the tray
# berth-tray-off.svg  the tray icon when the engine is not reachable (grey, red badge)
#
# Needs rsvg-convert and, for the tray icons, ImageMagick's convert.
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
# The tray icons get all-or-nothing alpha: fyne.io/systray hands the tray host the low byte of
# each 16-bit premultiplied channel, which garbles every pixel that is neither fully opaque nor
# fully transparent (anti-aliased edges turn green and purple). With hard edges at 64 px the
# host's own down-scaling does the smoothing.
for t in "berth-small.svg tray.png" "berth-tray-off.svg tray-off.png"; do
	set -- $t
	rsvg-convert -w 64 -h 64 "$1" -o "$2"
	if command -v convert >/dev/null; then
		convert "$2" -channel A -threshold 50% +channel "PNG32:$2"
	else
		echo "render.sh: ImageMagick's convert missing: $2 keeps soft edges (apt-get install -y imagemagick)" >&2
	fi
done
cp icons/berth-512.png berth.png
