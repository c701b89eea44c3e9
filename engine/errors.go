package engine

import (
	"errors"
	"fmt"
	"strings"
)

// ErrorKind classifies what went wrong, so the GUI can explain it in plain words.
type ErrorKind int

// The kinds of error Berth explains.
const (
	ErrOther              ErrorKind = iota
	ErrUnreachable                  // the engine does not answer
	ErrNotFound                     // no such container or image
	ErrNameInUse                    // container name already in use
	ErrPortAllocated                // host port already allocated
	ErrInvalidPort                  // port spec does not parse
	ErrInvalidImage                 // image reference does not parse
	ErrInvalidName                  // container name not allowed
	ErrImageNotInRegistry           // the registry has no such image or tag
	ErrConflictMustStop             // the container is running: stop it first (or force)
	ErrConflictImageInUse           // the image is used by containers (must force / remove them first)
	ErrCanceled                     // the user canceled
)

// Error is an engine error in plain words. Err keeps the engine's own message.
type Error struct {
	Kind ErrorKind
	// Msg is the plain-words explanation shown to the user.
	Msg string
	// Object is the container, image or port spec the error is about.
	Object string
	// Containers names the containers (short IDs) that use an image, for ErrConflictImageInUse.
	Containers []string
	// Err is the underlying error, if any.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Msg != "" {
		return e.Msg + ": " + e.Err.Error()
	}
	if e.Msg != "" {
		return e.Msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return "unknown engine error"
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the ErrorKind of err, ErrOther if it is not an *Error.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ErrOther
}

// IsKind reports whether err is an *Error of the given kind.
func IsKind(err error, k ErrorKind) bool { return err != nil && KindOf(err) == k }

// Explain returns the plain-words text for err, for a dialog or a field message.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Msg != "" {
		return e.Msg
	}
	return strings.TrimPrefix(err.Error(), "Error response from daemon: ")
}

func newErr(kind ErrorKind, object string, err error, format string, args ...any) *Error {
	return &Error{Kind: kind, Object: object, Err: err, Msg: fmt.Sprintf(format, args...)}
}
