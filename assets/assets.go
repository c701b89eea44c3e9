// Package assets holds Berth's own artwork, embedded in the binary: the whale
// carrying containers. The PNGs are rendered from the SVG sources in this
// directory by render.sh; regenerate them after editing an SVG.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icons/berth-256.png
	iconPNG []byte
	//go:embed berth.svg
	iconSVG []byte
	//go:embed tray.png
	trayPNG []byte
	//go:embed tray-off.png
	trayOffPNG []byte
)

// Icon is the app and window icon: the whale with its containers, 256×256 PNG.
var Icon fyne.Resource = fyne.NewStaticResource("berth.png", iconPNG)

// Logo is the same whale as a scalable SVG, for use inside the app's views.
var Logo fyne.Resource = fyne.NewStaticResource("berth.svg", iconSVG)

// TrayIcon is the system tray icon while the engine answers: the whale drawn
// for small sizes, 64×64 PNG (tray hosts scale it down).
var TrayIcon fyne.Resource = fyne.NewStaticResource("berth-tray.png", trayPNG)

// TrayIconOff is the tray icon while the engine is not reachable: the whale
// greyed out with a red badge.
var TrayIconOff fyne.Resource = fyne.NewStaticResource("berth-tray-off.png", trayOffPNG)
