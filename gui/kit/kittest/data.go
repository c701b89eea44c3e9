package kittest

import (
	"fmt"
	"strings"
	"time"

	"berth/engine"
)

// Now is the fixed "now" of the fake-engine tests.
var Now = time.Date(2019, 2, 10, 12, 0, 0, 0, time.UTC)

// ID makes a 64-hex-digit ID from a 12-digit prefix.
func ID(short string) string { return short + strings.Repeat("0", 64-len(short)) }

// The IDs of Tutorial's containers and images.
var (
	Webserver = ID("5c17b6cbcddd")
	ShopWeb   = ID("a1b2c3d4e5f6")
	ShopDB    = ID("b2c3d4e5f6a1")
	Worker    = ID("c3d4e5f6a1b2")
	Mclaren   = ID("e6d5c4b3a291")
)

const (
	NginxID    = "sha256:42b4762643dc" + "00000000000000000000000000000000000000000000000000000"
	WebImageID = "sha256:9a0b1c2d3e4f" + "00000000000000000000000000000000000000000000000000000"
	PgImageID  = "sha256:7f0e1d2c3b4a" + "00000000000000000000000000000000000000000000000000000"
	DangleID   = "sha256:0d0e0a0d0b0e" + "00000000000000000000000000000000000000000000000000000"
)

// Tutorial is the fixed data of the window's tests: the tutorial's
// webserver, an exited container on the same image, and a compose project
// of three, created at times before Now.
func Tutorial() []engine.Container {
	mk := func(id, name, image, imageID, cmd string, state engine.ContainerState, status string, age time.Duration, ports []engine.PortBinding, project string) engine.Container {
		c := engine.Container{ID: id, ShortID: id[:12], Name: name, Names: []string{name}, Image: image, ImageID: imageID,
			Command: cmd, Created: Now.Add(-age), State: state, Status: status, Ports: ports, Project: project}
		if project != "" {
			c.Labels = map[string]string{"com.docker.compose.project": project}
		}
		return c
	}
	web := []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: 80, ContainerPort: 80, Proto: "tcp"}, {HostIP: "::", HostPort: 80, ContainerPort: 80, Proto: "tcp"}}
	shop := []engine.PortBinding{{HostIP: "127.0.0.1", HostPort: 8080, ContainerPort: 80, Proto: "tcp"}}
	db := []engine.PortBinding{{ContainerPort: 5432, Proto: "tcp"}}
	return []engine.Container{
		mk(Webserver, "webserver", "nginx", NginxID, "nginx -g 'daemon off;'", engine.StateRunning, "Up 9 minutes", 9*time.Minute, web, ""),
		mk(ShopWeb, "shop-web-1", "localhost:5000/berthtest/web:1", WebImageID, "/web", engine.StateRunning, "Up 2 hours", 2*time.Hour, shop, "shop"),
		mk(ShopDB, "shop-db-1", "postgres:15", PgImageID, "docker-entrypoint.sh postgres", engine.StateRunning, "Up 2 hours", 2*time.Hour+time.Second, db, "shop"),
		mk(Worker, "shop-worker-1", "localhost:5000/berthtest/web:1", WebImageID, "/web --worker", engine.StatePaused, "Up 2 hours (Paused)", 2*time.Hour+2*time.Second, nil, "shop"),
		mk(Mclaren, "awesome_mclaren", "nginx", NginxID, "nginx -g 'daemon off;'", engine.StateExited, "Exited (0) 3 days ago", 72*time.Hour, nil, ""),
	}
}

// TutorialImages are the images of Tutorial's containers and a dangling one.
func TutorialImages() []engine.Image {
	mk := func(id, repo, tag string, age time.Duration, size int64) engine.Image {
		im := engine.Image{ID: id, ShortID: engine.ShortID(id), Repository: repo, Tag: tag, Created: Now.Add(-age), Size: size}
		if repo == "<none>" {
			im.Dangling = true
		} else {
			im.RepoTags = []string{repo + ":" + tag}
		}
		return im
	}
	return []engine.Image{
		mk(WebImageID, "localhost:5000/berthtest/web", "1", time.Hour*26, 4_700_000),
		mk(NginxID, "nginx", "latest", 5*24*time.Hour, 109_000_000),
		mk(PgImageID, "postgres", "15", 9*24*time.Hour, 379_000_000),
		mk(DangleID, "<none>", "<none>", 30*24*time.Hour, 72_500_000),
	}
}

// Bench makes n containers for benchmarks: six names, five images, one in
// three exited, each publishing a port.
func Bench(n int) []engine.Container {
	names := []string{"webserver", "db", "cache", "worker", "api", "frontend"}
	images := []string{"nginx:latest", "postgres:16", "redis:7", "localhost:5000/app/worker:1", "ghcr.io/org/api:2"}
	cs := make([]engine.Container, n)
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range cs {
		id := fmt.Sprintf("%012x%052d", i*7919+1, i)
		state, status := engine.StateRunning, "Up 9 minutes"
		if i%3 == 0 {
			state, status = engine.StateExited, "Exited (0) 2 minutes ago"
		}
		cs[i] = engine.Container{ID: id, ShortID: id[:12], Name: fmt.Sprintf("%s-%d", names[i%len(names)], i),
			Image: images[i%len(images)], Command: "/docker-entrypoint.sh nginx -g 'daemon off;'",
			Created: base.Add(time.Duration(i) * time.Second), State: state, Status: status,
			Ports: []engine.PortBinding{{HostIP: "0.0.0.0", HostPort: uint16(10000 + i%50000), ContainerPort: 80, Proto: "tcp"}}}
	}
	return cs
}
