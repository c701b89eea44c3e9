package assets

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
)

func decode(t *testing.T, r fyne.Resource) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("%s: %v", r.Name(), err)
	}
	return img
}

func TestAssetsIconSizes(t *testing.T) {
	for _, tc := range []struct {
		r    fyne.Resource
		size int
	}{{Icon, 256}, {TrayIcon, 64}, {TrayIconOff, 64}} {
		b := decode(t, tc.r).Bounds()
		if b.Dx() != tc.size || b.Dy() != tc.size {
			t.Errorf("%s is %dx%d, want %dx%d", tc.r.Name(), b.Dx(), b.Dy(), tc.size, tc.size)
		}
	}
	for _, s := range []int{16, 22, 24, 32, 48, 64, 128, 256, 512} {
		f, err := os.Open(fmt.Sprintf("icons/berth-%d.png", s))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != s || cfg.Height != s {
			t.Errorf("icons/berth-%d.png: %dx%d %v", s, cfg.Width, cfg.Height, err)
		}
	}
	if !bytes.HasPrefix(Logo.Content(), []byte("<svg")) {
		t.Error("Logo is not an SVG")
	}
}

// fyne.io/systray garbles pixels that are neither opaque nor transparent, so
// the tray icons must have none (render.sh makes them so).
func TestAssetsTrayIconsHaveHardEdges(t *testing.T) {
	for _, r := range []fyne.Resource{TrayIcon, TrayIconOff} {
		img := decode(t, r)
		soft, opaque := 0, 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				_, _, _, a := img.At(x, y).RGBA()
				switch a {
				case 0:
				case 0xffff:
					opaque++
				default:
					soft++
				}
			}
		}
		if soft > 0 {
			t.Errorf("%s has %d translucent pixels", r.Name(), soft)
		}
		if opaque < b.Dx()*b.Dy()/4 {
			t.Errorf("%s has only %d opaque pixels", r.Name(), opaque)
		}
	}
}
