package docker

import (
	"errors"
	"net"
	"os"
	"syscall"
	"testing"

	"berth/engine"
)

// exitedSSH is a commandconn whose ssh has exited: writes fail with a
// broken pipe, reads report ssh's exit and what it said.
type exitedSSH struct {
	net.Conn
	readErr error
}

func (c exitedSSH) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}
}

func (c exitedSSH) Read([]byte) (int, error) { return 0, c.readErr }

func TestSSHConnWriteSaysWhatSSHSaid(t *testing.T) {
	said := errors.New("command [ssh ...] has exited with exit status 255, make sure the URL is valid: stderr=ssh: connect to host 127.0.0.1 port 1: Connection refused")
	_, err := sshConn{exitedSSH{readErr: said}}.Write([]byte("GET /_ping"))
	if err != said {
		t.Fatalf("Write after ssh exited = %v, want ssh's words", err)
	}
	var e *engine.Error
	if got := classify(err, "", "ssh://berth@127.0.0.1:1"); !errors.As(got, &e) || e.Kind != engine.ErrSSHUnreachable {
		t.Fatalf("classified as %v, want ssh unreachable", got)
	}
	// A read that says nothing of ssh keeps the write's own error.
	_, err = sshConn{exitedSSH{readErr: errors.New("EOF")}}.Write([]byte("x"))
	if !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("Write = %v, want the broken pipe", err)
	}
}
