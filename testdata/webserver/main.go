// Command webserver is the tiny static web server in Berth's test images: it plays the part
// that nginx plays in the Docker tutorial. It serves a welcome page at / and "ok" at /healthz,
// listens on :80 (or :$PORT) and exits 0 on SIGTERM or SIGINT — which matters as PID 1 in a
// container, where the default disposition of those signals is to ignore them.
//
// It lives under testdata/ so that `go build ./...`, `go vet ./...` and `go test ./...` skip
// it; internal/testbed builds it explicitly (CGO_ENABLED=0, static) into a FROM scratch image.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const welcome = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to Berth!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to Berth!</h1>
<p>If you see this page, the web server in your container is successfully installed and
working.</p>
<p><em>Served from a container that Berth started.</em></p>
</body>
</html>
`

func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)

	addr := ":80"
	if p := os.Getenv("PORT"); p != "" {
		addr = ":" + p
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, welcome)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	srv := &http.Server{
		Addr:              addr,
		Handler:           logRequests(mux),
		ReadHeaderTimeout: 10 * time.Second,
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("berth test web server listening on %s", addr)

	select {
	case err := <-errc:
		log.Printf("listen: %v", err)
		os.Exit(1)
	case s := <-sig:
		log.Printf("received %v, shutting down", s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Printf("shutdown: %v", err)
	}
	log.Printf("bye")
}

func logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		log.Printf("%s %s %s", r.RemoteAddr, r.Method, r.URL.Path)
	})
}
