package engine

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/distribution/reference"
	"github.com/docker/go-connections/nat"
)

// Validation of what the user types, as the engine would judge it: the one
// place these rules live (the run dialog checks fields with them,
// engine/docker checks a RunSpec with them before it asks the engine).

var validName = regexp.MustCompile(`^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

// ValidateName checks a container name as the engine would; "" is allowed
// (the engine picks one). The error is an *Error of kind ErrInvalidName
// with Ref the name, so that the wording can say what is wrong with it.
func ValidateName(name string) error {
	if name == "" || validName.MatchString(name) {
		return nil
	}
	return &Error{Kind: ErrInvalidName, Ref: name}
}

// ValidateImage checks an image reference ("nginx", "localhost:5000/web:1")
// and returns its normalized form (docker.io/library/nginx:latest). The
// error is an *Error of kind ErrInvalidImage; its Err says why.
func ValidateImage(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", &Error{Kind: ErrInvalidImage}
	}
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		if _, lowerErr := reference.ParseNormalizedNamed(strings.ToLower(ref)); lowerErr == nil {
			err = ErrUppercase
		}
		return "", &Error{Kind: ErrInvalidImage, Ref: ref, Err: err}
	}
	return reference.TagNameOnly(named).String(), nil
}

// ErrUppercase is the Err of an ErrInvalidImage whose only fault is upper-case letters.
var ErrUppercase = errorString("image names must be lowercase")

type errorString string

func (e errorString) Error() string { return string(e) }

// ValidatePorts checks port specs in the CLI's syntax (80, 8080:80,
// 127.0.0.1:8080:80/udp, 8000-8001:80-81) with the CLI's own parser. Empty
// specs are skipped. The error is an *Error of kind ErrInvalidPort.
func ValidatePorts(specs ...string) error {
	_, err := CleanPorts(specs)
	return err
}

// CleanPorts trims the specs, drops empty ones and checks the rest.
func CleanPorts(specs []string) ([]string, error) {
	var clean []string
	for _, s := range specs {
		if s = strings.TrimSpace(s); s != "" {
			clean = append(clean, s)
		}
	}
	if _, _, err := nat.ParsePortSpecs(clean); err != nil {
		return nil, &Error{Kind: ErrInvalidPort, Ref: strings.Join(clean, " "), Err: err}
	}
	return clean, nil
}

// ParseBind reads a bind in the CLI's syntax (--volume): HOST:CONTAINER[:ro|rw].
func ParseBind(v string) (Bind, error) {
	parts := strings.Split(v, ":")
	var b Bind
	switch len(parts) {
	case 2:
	case 3:
		switch parts[2] {
		case "ro":
			b.ReadOnly = true
		case "rw":
		default:
			return Bind{}, fmt.Errorf("the volume %q has the option %q; Berth supports only ro and rw", v, parts[2])
		}
	default:
		return Bind{}, fmt.Errorf("the volume %q is not HOST-PATH:CONTAINER-PATH[:ro]", v)
	}
	b.HostPath, b.ContainerPath = parts[0], parts[1]
	return b, nil
}
