package present

import (
	"errors"
	"fmt"
	"strings"

	"berth/engine"
)

// Explain words err for a dialog, a banner or a field message, in plain
// words and with what to do next, from the *engine.Error's fields (never
// from the engine's text). Errors that are not engine errors are shown as
// they are. engine.Raw(err) has the engine's own words.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	e := engine.AsError(err)
	if e == nil {
		return strings.TrimPrefix(err.Error(), "Error response from daemon: ")
	}
	if s, ok := explainVolNet(e); ok { // volumes.go
		return s
	}
	switch e.Kind {
	case engine.ErrCanceled:
		return "Canceled."
	case engine.ErrNotRunning:
		return "The container is not running: start it first."
	case engine.ErrUnreachable:
		return fmt.Sprintf("The Docker engine at %s does not answer. Start Docker, or choose another engine.", orThe(e.Ref, "its address"))
	case engine.ErrPermission:
		if s, ok := permissionText(e.Ref); ok {
			return s
		}
		return fmt.Sprintf("Berth may not open the Docker engine's socket %s: your user is not allowed to. Add yourself to the docker group (sudo usermod -aG docker $USER), then log out and in again.", e.Ref)
	case engine.ErrEndpoint:
		return fmt.Sprintf("Berth cannot use the Docker engine address %s: %s.", orThe(e.Ref, "it was given"), engine.Raw(err))
	case engine.ErrNotFound:
		what := e.What
		if what == "" {
			what = "container or image"
		}
		return fmt.Sprintf("There is no %s %q on this engine.", what, e.Ref)
	case engine.ErrNameInUse:
		return fmt.Sprintf("The name %q is already used by another container. Choose another name, or remove that container.", e.Ref)
	case engine.ErrPortAllocated:
		if e.Port != "" {
			return fmt.Sprintf("Host port %s is already in use by another container or program. Choose another host port.", e.Port)
		}
		return "A host port you asked for is already in use by another container or program. Choose another host port."
	case engine.ErrInvalidPort:
		return "A port mapping is not valid (use HOST:CONTAINER, e.g. 8080:80, ports 1-65535)."
	case engine.ErrInvalidImage:
		switch {
		case e.Ref == "":
			return "Type the name of an image, for example nginx or nginx:latest."
		case errors.Is(e, engine.ErrUppercase):
			return "Image names must be lowercase."
		}
		return "This is not a valid image name."
	case engine.ErrInvalidName:
		return NameProblem(e.Ref)
	case engine.ErrImageNotInRegistry:
		return fmt.Sprintf("The registry has no image %s. Check the name and the tag.", e.Ref)
	case engine.ErrRegistryUnreachable:
		return fmt.Sprintf("The registry of %s cannot be reached: there is no network, or the registry is unreachable. Check the connection, or use an image that is already here.", e.Ref)
	case engine.ErrMustStop:
		return "The container is running. Stop it first, or force the removal (which kills it)."
	case engine.ErrImageInUse:
		users := strings.Join(e.Users, ", ")
		if e.ForceRemovesUsers {
			return fmt.Sprintf("The image %s is used by %s %s. On Podman, forcing the removal deletes %s too, running ones included.", e.Ref, pluralWord(len(e.Users), "container", "containers"), users, pluralWord(len(e.Users), "that container", "those containers"))
		}
		if e.CannotForce {
			return fmt.Sprintf("The image %s is used by running %s %s. Stop and remove the container first.", e.Ref, pluralWord(len(e.Users), "container", "containers"), users)
		}
		return fmt.Sprintf("The image %s is used by %s %s. Remove the container first, or force the removal.", e.Ref, pluralWord(len(e.Users), "container", "containers"), users)
	case engine.ErrNoCommand:
		return fmt.Sprintf("The image %s has no command to run. Type one in the Command field.", orThe(e.Ref, "you chose"))
	case engine.ErrReadOnly:
		return fmt.Sprintf("%s is on a read-only mount (or the container's filesystem is read-only): nothing can be written there. Choose another folder.", orThe(e.Ref, "The folder"))
	case engine.ErrFileDenied:
		return fmt.Sprintf("The engine may not change %s: permission denied (the file is locked or the filesystem refuses it).", orThe(e.Ref, "that path"))
	case engine.ErrCommandNotFound:
		return fmt.Sprintf("The command %s is not in the image. Check the Command field, or use an image that has it.", orThe(e.Ref, "to run"))
	case engine.ErrComposeFile:
		return ComposeFileProblem(e)
	case engine.ErrNoComposeHelper:
		return NoComposeHelperText(e)
	}
	if s, ok := explainEngine(e); ok {
		return s
	}
	return engine.Raw(err)
}

func orThe(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Plural is "1 container" or "3 containers".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// NameProblem says what is wrong with a container name the engine would refuse.
func NameProblem(name string) string {
	const rule = "A container name uses letters, digits and _ . - (not first), at least two characters."
	n := strings.TrimPrefix(name, "/")
	for _, r := range n {
		switch {
		case r == ' ':
			return "A container name cannot contain spaces. " + rule
		case r > 127:
			return fmt.Sprintf("A container name cannot contain %q: only plain letters (a-z, A-Z). %s", r, rule)
		case !nameRune(r):
			return fmt.Sprintf("A container name cannot contain %q. %s", r, rule)
		}
	}
	switch {
	case len(n) < 2:
		return "A container name needs at least two characters. " + rule
	case strings.ContainsAny(n[:1], "_.-"):
		return fmt.Sprintf("A container name cannot start with %q. %s", n[:1], rule)
	}
	return rule
}

// nameRune reports whether a container name may hold r.
func nameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_.-", r)
}
