package engine

import (
	"testing"
	"time"
)

func TestStatusAt(t *testing.T) {
	listed := time.Date(2019, 1, 20, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status string
		later  time.Duration
		want   string
	}{
		{"Up 9 minutes", 10 * time.Minute, "Up 19 minutes"},
		{"Up Less than a second", 3 * time.Second, "Up 3 seconds"},
		{"Up About a minute", 3 * time.Minute, "Up 4 minutes"},
		{"Up 2 hours (Paused)", time.Hour, "Up 3 hours (Paused)"},
		{"Up 5 days (healthy)", 2 * 24 * time.Hour, "Up 7 days (healthy)"},
		{"Exited (0) 2 minutes ago", 3 * 24 * time.Hour, "Exited (0) 3 days ago"},
		{"Exited (137) Less than a second ago", 2 * time.Minute, "Exited (137) 2 minutes ago"},
		{"Restarting (1) 5 seconds ago", 10 * time.Second, "Restarting (1) 15 seconds ago"},
		{"Exited (-1) 3 weeks ago", 0, "Exited (-1) 3 weeks ago"},
		{"Created", time.Hour, "Created"},
		{"Dead", time.Hour, "Dead"},
		{"Removal In Progress", time.Hour, "Removal In Progress"},
	}
	for _, tt := range tests {
		c := Container{Status: tt.status, StateSince: SinceFromStatus(tt.status, listed)}
		if got := c.StatusAt(listed.Add(tt.later)); got != tt.want {
			t.Errorf("%q after %v = %q, want %q", tt.status, tt.later, got, tt.want)
		}
	}
	// Exact times (from an inspect) win over the estimate.
	c := Container{Status: "Up Less than a second", StateSince: listed.Add(-90 * time.Second)}
	if got := c.StatusAt(listed); got != "Up About a minute" {
		t.Errorf("exact: %q", got)
	}
	if got := (Container{Status: "Up 9 minutes"}).StatusAt(listed); got != "Up 9 minutes" {
		t.Errorf("unknown since: %q", got)
	}
}

func TestStatusToTheSecond(t *testing.T) {
	for status, want := range map[string]bool{
		"Up Less than a second":             true,
		"Up 1 second":                       true,
		"Up 42 seconds (healthy)":           true,
		"Exited (0) Less than a second ago": true,
		"Exited (137) 12 seconds ago":       true,
		"Restarting (1) 5 seconds ago":      true,
		"Up About a minute":                 false,
		"Up 9 minutes":                      false,
		"Up 2 hours (Paused)":               false,
		"Exited (0) 3 days ago":             false,
		"Created":                           false,
		"Removal In Progress":               false,
	} {
		if got := StatusToTheSecond(status); got != want {
			t.Errorf("StatusToTheSecond(%q) = %v, want %v", status, got, want)
		}
	}
}
