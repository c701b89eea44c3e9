// Package testbed gives tests in other packages the project's real test bed: the Docker engine
// and the local registry that scripts/testenv.sh starts, and the test images built from
// testdata/webserver (a tiny static web server standing in for the tutorial's nginx).
//
// Nothing here skips: if the engine or the registry does not answer, the test fails and says
// "run scripts/testenv.sh".
//
// Go test runs packages in parallel, in separate processes, against the same engine and
// registry. The rules that keep them out of each other's way:
//
//   - Every container a test makes is named with Name, so it starts with Prefix, is removed when
//     the test ends, and is not removed by another process's RemoveContainers while this
//     process lives.
//   - WebImage and BigImage are shared by every process. Run containers from them, but never
//     RemoveLocal them: another package may be about to create a container from the same tag.
//   - A test that needs an image to be pulled calls PushCopy and pulls, then removes, its own
//     copy.
package testbed

import (
	"archive/tar"
	"bytes"
	"context"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"
)

// Registry is the test registry, as image references name it.
const Registry = "localhost:5000"

// Prefix starts the name of every container a test makes (see Name).
const Prefix = "berthtest-"

const (
	// registryURL is Registry for this process's own HTTP requests: the registry listens on
	// 127.0.0.1 only, and localhost may resolve to ::1 first.
	registryURL = "http://127.0.0.1:5000"
	// registryAuth is an empty auth config ({} in base64): the registry has no auth, but the
	// engine wants the header.
	registryAuth = "e30="

	hashLabel = "berth.testbed.hash" // what an image was built from; see recipe.hash
	copyLabel = "berth.testbed.copy" // makes a PushCopy image distinct from its source

	// manifestTypes are the manifests the engine pushes (Docker's schema 2; OCI to be sure).
	manifestTypes = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"

	padLayers = 3
	padSize   = 4 << 20

	opTimeout = 5 * time.Minute
)

var (
	webRef = Registry + "/berthtest/web:1"
	bigRef = Registry + "/berthtest/big:1"
)

// Client returns an SDK client to the test engine (client.FromEnv with API version
// negotiation), closed when the test ends. If the engine or the registry does not answer, it
// fails the test with "run scripts/testenv.sh"; it never skips.
func Client(t testing.TB) *client.Client {
	t.Helper()
	cli, err := newClient()
	if err != nil {
		t.Fatalf("testbed: %v", err)
	}
	t.Cleanup(func() { _ = cli.Close() })
	return cli
}

func newClient() (*client.Client, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("docker client: %v; run scripts/testenv.sh", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if _, err := cli.Ping(ctx); err != nil {
		_ = cli.Close()
		return nil, fmt.Errorf("the Docker engine at %s does not answer (%v); run scripts/testenv.sh", cli.DaemonHost(), err)
	}
	if err := pingRegistry(ctx); err != nil {
		_ = cli.Close()
		return nil, fmt.Errorf("the registry %s does not answer (%v); run scripts/testenv.sh", Registry, err)
	}
	return cli, nil
}

func pingRegistry(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, registryURL+"/v2/", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /v2/: %s", resp.Status)
	}
	return nil
}

// shared is the client that the helpers use themselves; it lives as long as the process.
var shared struct {
	once sync.Once
	cli  *client.Client
	err  error
}

func sharedClient() (*client.Client, error) {
	shared.once.Do(func() { shared.cli, shared.err = newClient() })
	return shared.cli, shared.err
}

func mustShared(t testing.TB) *client.Client {
	t.Helper()
	cli, err := sharedClient()
	if err != nil {
		t.Fatalf("testbed: %v", err)
	}
	return cli
}

// --- images ---------------------------------------------------------------------------------

type onceImage struct {
	once sync.Once
	err  error
}

var webImage, bigImage onceImage

// WebImage returns "localhost:5000/berthtest/web:1": FROM scratch, the static web server from
// testdata/webserver as /web, EXPOSE 80, ENTRYPOINT ["/web"]. It is built and pushed once per
// test process; when the registry (and the engine) already hold an image built from the same
// content, it is reused as it is. The image is present locally when WebImage returns.
func WebImage(t testing.TB) string {
	t.Helper()
	ensureShared(t, &webImage, webRef, func(bin []byte) recipe { return webRecipe(bin) })
	return webRef
}

// BigImage returns "localhost:5000/berthtest/big:1": the web image plus 3 layers of 4 MiB of
// incompressible bytes each, so that a pull reports several layers and progress. Otherwise
// like WebImage.
func BigImage(t testing.TB) string {
	t.Helper()
	ensureShared(t, &bigImage, bigRef, func(bin []byte) recipe { return bigRecipe(bin, fixedSeed) })
	return bigRef
}

func ensureShared(t testing.TB, o *onceImage, ref string, mk func(bin []byte) recipe) {
	t.Helper()
	cli := mustShared(t)
	o.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		defer cancel()
		bin, err := webBinary(ctx)
		if err != nil {
			o.err = err
			return
		}
		o.err = ensureImage(ctx, cli, ref, mk(bin))
	})
	if o.err != nil {
		t.Fatalf("testbed: image %s: %v", ref, o.err)
	}
	// Cheap on every call: put the local copy back if something removed it since.
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if _, err := cli.ImageInspect(ctx, ref); cerrdefs.IsNotFound(err) {
		if _, err := pull(ctx, cli, ref); err != nil {
			t.Fatalf("testbed: pull %s again: %v", ref, err)
		}
	} else if err != nil {
		t.Fatalf("testbed: inspect %s: %v", ref, err)
	}
}

// ensureImage makes ref hold an image built from rc, both in the registry and in the engine,
// building and pushing only what is missing. Other test processes do the same at the same time:
// a file lock serialises them.
func ensureImage(ctx context.Context, cli *client.Client, ref string, rc recipe) error {
	want := rc.hash()
	return withBuildLock(func() error {
		inRegistry := registryLabel(ctx, ref, hashLabel) == want
		local := ""
		if insp, err := cli.ImageInspect(ctx, ref); err == nil && insp.Config != nil {
			local = insp.Config.Labels[hashLabel]
		}
		switch {
		case inRegistry && local == want:
			return nil
		case inRegistry:
			if _, err := pull(ctx, cli, ref); err == nil {
				return nil
			}
			// The registry's copy is unusable (blobs gone?): build and push it again.
		case local == want:
			return push(ctx, cli, ref)
		}
		if err := buildImage(ctx, cli, ref, rc, map[string]string{hashLabel: want}); err != nil {
			return err
		}
		return push(ctx, cli, ref)
	})
}

// PushCopy makes an image of this test's own that is in the registry but not in the engine,
// so that using it needs a pull, and returns its reference,
// "localhost:5000/berthtest/<name>-<random>:1". Tests that pull must use such a copy rather
// than RemoveLocal on WebImage or BigImage, which other packages may be using at that moment.
//
// The copy is the same image as src with a label of its own, so it has an image ID of its own
// (a plain second tag of src would be "pulled" without fetching anything). A copy of BigImage
// also gets fresh random bytes in its 3 big layers, so that its pull downloads them with
// progress; layers shared with an image in the engine (the web server's) are reported as
// "Already exists", as with any pull. When the test ends, the local copy is removed and the
// registry forgets the tag (its blobs go when scripts/testenv.sh next starts the registry).
func PushCopy(t testing.TB, src, name string) string {
	t.Helper()
	cli := mustShared(t)
	ref := fmt.Sprintf("%s/berthtest/%s-%s:1", Registry, sanitize(name), randomAlnum(6))
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()

	var rc recipe
	switch src {
	case webRef, bigRef:
		bin, err := webBinary(ctx)
		if err != nil {
			t.Fatalf("testbed: %v", err)
		}
		if src == webRef {
			rc = webRecipe(bin)
		} else {
			var seed [32]byte
			_, _ = crand.Read(seed[:])
			rc = bigRecipe(bin, seed)
		}
	default:
		if _, err := cli.ImageInspect(ctx, src); err != nil {
			t.Fatalf("testbed: PushCopy: source %s: %v", src, err)
		}
		rc = recipe{dockerfile: "FROM " + src + "\n"}
	}
	t.Cleanup(func() {
		removeLocal(t, ref)
		deleteFromRegistry(ref)
	})
	if err := buildImage(ctx, cli, ref, rc, map[string]string{copyLabel: ref}); err != nil {
		t.Fatalf("testbed: PushCopy %s: %v", src, err)
	}
	if err := push(ctx, cli, ref); err != nil {
		t.Fatalf("testbed: PushCopy %s: %v", src, err)
	}
	if _, err := cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true}); err != nil {
		t.Fatalf("testbed: PushCopy: remove local %s: %v", ref, err)
	}
	return ref
}

// RemoveLocal removes the engine's copy of ref (forced, pruning untagged parents) so that the
// next use pulls it from the registry. A ref that is not there is fine. Never use it on
// WebImage or BigImage (see PushCopy).
func RemoveLocal(t testing.TB, ref string) {
	t.Helper()
	removeLocal(t, ref)
}

func removeLocal(t testing.TB, ref string) {
	t.Helper()
	cli := mustShared(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := cli.ImageRemove(ctx, ref, image.RemoveOptions{Force: true, PruneChildren: true})
	if err != nil && !cerrdefs.IsNotFound(err) {
		t.Fatalf("testbed: remove %s: %v", ref, err)
	}
}

// --- building, pushing, pulling ------------------------------------------------------------

type ctxFile struct {
	name string
	mode int64
	data []byte
}

// recipe is a build context: a Dockerfile and the files it copies.
type recipe struct {
	dockerfile string
	files      []ctxFile
}

// hash names what the image is built from, so that a process can tell whether an image that is
// already in the registry or the engine is the one it would build.
func (rc recipe) hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "berth-testbed-v1\n%s\n", rc.dockerfile)
	for _, f := range rc.files {
		fmt.Fprintf(h, "%s %o %x\n", f.name, f.mode, sha256.Sum256(f.data))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// tar returns the build context, with fixed times and owners so that the same recipe gives the
// same layers.
func (rc recipe) tar() ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	mtime := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	files := append([]ctxFile{{name: "Dockerfile", mode: 0o644, data: []byte(rc.dockerfile)}}, rc.files...)
	for _, f := range files {
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: mtime}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const webDockerfile = `FROM scratch
COPY web /web
EXPOSE 80
ENTRYPOINT ["/web"]
`

func webRecipe(bin []byte) recipe {
	return recipe{dockerfile: webDockerfile, files: []ctxFile{{name: "web", mode: 0o755, data: bin}}}
}

// fixedSeed makes BigImage's "random" layers the same in every process, so that a registry
// copy can be reused.
var fixedSeed = [32]byte{'b', 'e', 'r', 't', 'h', 't', 'e', 's', 't', 'b', 'i', 'g'}

func bigRecipe(bin []byte, seed [32]byte) recipe {
	var df strings.Builder
	df.WriteString("FROM scratch\nCOPY web /web\n")
	files := []ctxFile{{name: "web", mode: 0o755, data: bin}}
	rng := rand.NewChaCha8(seed)
	for i := 1; i <= padLayers; i++ {
		data := make([]byte, padSize)
		_, _ = rng.Read(data)
		name := fmt.Sprintf("pad%d", i)
		files = append(files, ctxFile{name: name, mode: 0o644, data: data})
		fmt.Fprintf(&df, "COPY %s /pad/%d\n", name, i)
	}
	df.WriteString("EXPOSE 80\nENTRYPOINT [\"/web\"]\n")
	return recipe{dockerfile: df.String(), files: files}
}

func buildImage(ctx context.Context, cli *client.Client, ref string, rc recipe, labels map[string]string) error {
	tarball, err := rc.tar()
	if err != nil {
		return fmt.Errorf("build context: %w", err)
	}
	resp, err := cli.ImageBuild(ctx, bytes.NewReader(tarball), build.ImageBuildOptions{
		Tags:        []string{ref},
		Dockerfile:  "Dockerfile",
		Labels:      labels,
		Remove:      true,
		ForceRemove: true,
		Version:     build.BuilderV1,
	})
	if err != nil {
		return fmt.Errorf("build %s: %w", ref, err)
	}
	defer resp.Body.Close()
	msgs, err := readStream(resp.Body)
	if err != nil {
		return fmt.Errorf("build %s: %w\n%s", ref, err, streamText(msgs))
	}
	return nil
}

func push(ctx context.Context, cli *client.Client, ref string) error {
	rc, err := cli.ImagePush(ctx, ref, image.PushOptions{RegistryAuth: registryAuth})
	if err != nil {
		return fmt.Errorf("push %s: %w", ref, err)
	}
	defer rc.Close()
	if _, err := readStream(rc); err != nil {
		return fmt.Errorf("push %s: %w", ref, err)
	}
	return nil
}

func pull(ctx context.Context, cli *client.Client, ref string) ([]jsonmessage.JSONMessage, error) {
	rc, err := cli.ImagePull(ctx, ref, image.PullOptions{RegistryAuth: registryAuth})
	if err != nil {
		return nil, fmt.Errorf("pull %s: %w", ref, err)
	}
	defer rc.Close()
	msgs, err := readStream(rc)
	if err != nil {
		return msgs, fmt.Errorf("pull %s: %w", ref, err)
	}
	return msgs, nil
}

// readStream reads a build, push or pull stream to its end and returns its messages and the
// first error that one of them reports.
func readStream(r io.Reader) ([]jsonmessage.JSONMessage, error) {
	dec := json.NewDecoder(r)
	var msgs []jsonmessage.JSONMessage
	var first error
	for {
		var m jsonmessage.JSONMessage
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return msgs, fmt.Errorf("reading stream: %w", err)
		}
		if m.Error != nil && first == nil {
			first = m.Error
		}
		msgs = append(msgs, m)
	}
	return msgs, first
}

// streamText is the tail of a build's output, for error messages.
func streamText(msgs []jsonmessage.JSONMessage) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(m.Stream)
	}
	s := b.String()
	if len(s) > 4000 {
		s = "..." + s[len(s)-4000:]
	}
	return s
}

// registryLabel returns the label key of the image that the registry holds as ref, or "" if
// the registry has no such image.
func registryLabel(ctx context.Context, ref, key string) string {
	repo, tag, ok := strings.Cut(strings.TrimPrefix(ref, Registry+"/"), ":")
	if !ok {
		return ""
	}
	var manifest struct {
		Config struct {
			Digest string `json:"digest"`
		} `json:"config"`
	}
	if getJSON(ctx, registryURL+"/v2/"+repo+"/manifests/"+tag, manifestTypes, &manifest) != nil || manifest.Config.Digest == "" {
		return ""
	}
	var config struct {
		Config struct {
			Labels map[string]string `json:"Labels"`
		} `json:"config"`
	}
	if getJSON(ctx, registryURL+"/v2/"+repo+"/blobs/"+manifest.Config.Digest, "", &config) != nil {
		return ""
	}
	return config.Config.Labels[key]
}

// deleteFromRegistry deletes ref's manifest from the registry, best effort.
func deleteFromRegistry(ref string) {
	repo, tag, ok := strings.Cut(strings.TrimPrefix(ref, Registry+"/"), ":")
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	do := func(method, url string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, method, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", manifestTypes)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}
	resp, err := do(http.MethodHead, registryURL+"/v2/"+repo+"/manifests/"+tag)
	if err != nil || resp.StatusCode != http.StatusOK {
		return
	}
	if digest := resp.Header.Get("Docker-Content-Digest"); digest != "" {
		_, _ = do(http.MethodDelete, registryURL+"/v2/"+repo+"/manifests/"+digest)
	}
}

func getJSON(ctx context.Context, url, accept string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// --- the web server binary ------------------------------------------------------------------

var webBin struct {
	once sync.Once
	data []byte
	err  error
}

// webBinary builds testdata/webserver once per process: static (CGO_ENABLED=0), for Linux,
// with -trimpath so that every clone of the repository builds the same bytes.
func webBinary(ctx context.Context) ([]byte, error) {
	webBin.once.Do(func() {
		root, err := repoRoot()
		if err != nil {
			webBin.err = err
			return
		}
		dir, err := os.MkdirTemp("", "berth-testbed-")
		if err != nil {
			webBin.err = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "web")
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, "./testdata/webserver")
		cmd.Dir = root
		// GOFLAGS is cleared so that a -race or -cover meant for the tests does not reach
		// this static build.
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH, "GOFLAGS=")
		if msg, err := cmd.CombinedOutput(); err != nil {
			webBin.err = fmt.Errorf("go build ./testdata/webserver: %v\n%s", err, msg)
			return
		}
		webBin.data, webBin.err = os.ReadFile(out)
	})
	return webBin.data, webBin.err
}

// repoRoot walks up from the working directory (a test's package directory) to go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// --- containers, ports, names ---------------------------------------------------------------

// Name returns a unique container name, "berthtest-<base>-<6 random lowercase letters and
// digits>", and removes (forced) a container of that name when the test ends, if there is one.
// base is lower-cased and characters a container name cannot hold become "-", so t.Name() is
// fine. While this process lives, other processes' RemoveContainers leave the name alone.
func Name(t testing.TB, base string) string {
	t.Helper()
	name := Prefix + sanitize(base) + "-" + randomAlnum(6)
	own(name)
	t.Cleanup(func() {
		cli, err := sharedClient()
		if err != nil {
			t.Errorf("testbed: remove container %s: %v", name, err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err = cli.ContainerRemove(ctx, name, container.RemoveOptions{Force: true, RemoveVolumes: true})
		if err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("testbed: remove container %s: %v", name, err)
		}
	})
	return name
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testbed: free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// RemoveContainers removes (forced) every container whose name starts with Prefix, for a
// TestMain to call before or after m.Run: leftovers of earlier runs and this process's own.
// Containers named by Name in another test process that is still running are left alone.
// Errors are ignored: this is best effort.
func RemoveContainers(cli *client.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	list, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("name", Prefix))})
	if err != nil {
		return
	}
	// Read the owners after listing: a name is recorded before its container can exist.
	owner.Lock()
	mine := owner.path
	owner.Unlock()
	others := othersNames(mine)
	for _, c := range list {
		for _, n := range c.Names {
			n = strings.TrimPrefix(n, "/")
			if strings.Contains(n, "/") || !strings.HasPrefix(n, Prefix) || others[n] {
				continue
			}
			_ = cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true, RemoveVolumes: true})
			break
		}
	}
}

// sanitize makes s usable inside a container name and an image repository name: lower-case
// letters and digits, other runs of characters become one "-", at most 40 characters.
func sanitize(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	if out == "" {
		out = "x"
	}
	return out
}

func randomAlnum(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// Get GETs url until the server answers (a container needs a moment to
// listen), for up to 30 s, and returns the body, whatever the status.
func Get(t testing.TB, url string) string {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := c.Get(url)
		if err == nil {
			b, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if rerr == nil {
				return string(b)
			}
			err = rerr
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
