package containers

import (
	"net/url"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"berth/engine"
	"berth/gui/present"
)

// portLink is a published TCP port, opened in the browser when tapped.
type portLink struct {
	text string // 0.0.0.0:80->80/tcp
	raw  string // http://localhost:80/
	url  *url.URL
}

// portLinks splits ports into links (published TCP ports, one per URL) and
// the text of the rest, formatted like docker ps.
func portLinks(ports []engine.PortBinding) ([]portLink, string) {
	if len(ports) == 0 {
		return nil, ""
	}
	ps := append([]engine.PortBinding(nil), ports...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].ContainerPort != ps[j].ContainerPort {
			return ps[i].ContainerPort < ps[j].ContainerPort
		}
		return ps[i].HostIP < ps[j].HostIP
	})
	var (
		links []portLink
		rest  []engine.PortBinding
		seen  = map[string]bool{}
	)
	for _, p := range ps {
		raw := p.URL()
		if raw == "" || p.Proto != "tcp" {
			rest = append(rest, p)
			continue
		}
		if seen[raw] {
			continue // the IPv6 twin (:::80) of 0.0.0.0:80
		}
		u, err := url.Parse(raw)
		if err != nil {
			rest = append(rest, p)
			continue
		}
		seen[raw] = true
		links = append(links, portLink{text: present.FormatPorts([]engine.PortBinding{p}), raw: raw, url: u})
	}
	return links, present.FormatPorts(rest)
}

// portsLayout puts links side by side; the last one that does not fit is
// shortened with an ellipsis and the ones after it are left out.
type portsLayout struct{}

func (portsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(10, h)
}

func (portsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		w := naturalWidth(o)
		if x > 0 && x >= size.Width-4 {
			o.Hide() // shown again by the next layout that has room for it
			continue
		}
		if x+w > size.Width {
			w = size.Width - x
		}
		if !o.Visible() {
			o.Show()
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// naturalWidth is how wide a link or label wants to be to show all its text.
func naturalWidth(o fyne.CanvasObject) float32 {
	var (
		text  string
		style fyne.TextStyle
	)
	switch w := o.(type) {
	case *widget.Hyperlink:
		text, style = w.Text, w.TextStyle
	case *widget.Label:
		text, style = w.Text, w.TextStyle
	default:
		return o.MinSize().Width
	}
	return fyne.MeasureText(text, theme.TextSize(), style).Width + 2*theme.InnerPadding() + 2*theme.Padding()
}

func sameObjects(a, b []fyne.CanvasObject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
