# Berth: make run | make test | make build
#
#   make run    install what is missing, start the Docker engine if it is not running, run Berth
#   make test   start the test bed (engine + local registry, scripts/testenv.sh), then gofmt,
#               go vet and every test, with the race detector
#   make build  build ./berth and its compose helper ./berth-compose
#   make package          dist/berth-VERSION-linux-amd64.tar.xz (fyne package; scripts/package.sh)
#   make install          package, then install into PREFIX (root: /usr/local, others: ~/.local)
#   make screenshots      docs/screenshots/ from the real app under Xvfb

GO ?= go
# Fyne reads the locale from LANG; "C" makes it log a parse error.
export LANG = en_US.UTF-8
GOFILES = find . -name '*.go' -not -path './.git/*' -not -path './.testenv/*' -not -path './fyne-cross/*'

.PHONY: run test build testenv testenv-down fmt-check vet tray-test package package-check package-windows install screenshots

PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)

# Berth finds its compose helper next to itself, on PATH or in $BERTH_COMPOSE.
run:
	bash scripts/testenv.sh engine
	$(GO) build -o berth-compose ./cmd/berth-compose
	BERTH_COMPOSE=$(CURDIR)/berth-compose $(GO) run .

build:
	$(GO) build -o berth .
	$(GO) build -o berth-compose ./cmd/berth-compose

test: testenv fmt-check vet
	$(GO) build -o berth-compose ./cmd/berth-compose
	# The second test bed (scripts/engines.sh) holds loopback ports: it is stopped when the
	# tests end, whatever their result, so that another checkout's run can start its own.
	bash scripts/engines.sh up && \
	BERTH_COMPOSE=$(CURDIR)/berth-compose $(GO) test -race -count=1 -tags e2e -timeout 20m ./...; \
	rc=$$?; bash scripts/engines.sh down >/dev/null; exit $$rc
	bash scripts/tray-test.sh
	bash scripts/sigterm-test.sh
	bash scripts/package.sh --check

# The real tray: Xvfb, a private session bus, a StatusNotifier host, Berth's menu over D-Bus.
tray-test: testenv
	bash scripts/tray-test.sh

package:
	bash scripts/package.sh

# Package, unpack into a temporary prefix, start the installed binary under Xvfb.
package-check:
	bash scripts/package.sh --check

package-windows:
	bash scripts/package.sh --windows

install: package
	tmp=$$(mktemp -d) && tar -xJf dist/berth-*-linux-amd64.tar.xz -C "$$tmp" && \
		"$$tmp/berth/install.sh" --prefix "$(PREFIX)"; rc=$$?; rm -rf "$$tmp"; exit $$rc

screenshots: testenv
	bash scripts/screenshots.sh
	bash scripts/tray-test.sh --screenshot
	bash scripts/screenshots-engines.sh
	bash scripts/screenshots-details.sh
	bash scripts/screenshots-dashboard.sh
	bash scripts/screenshots-logs.sh

testenv:
	bash scripts/testenv.sh up

testenv-down:
	bash scripts/testenv.sh down

fmt-check:
	@out=$$($(GOFILES) -print0 | xargs -0 -r gofmt -l); \
	if [ -n "$$out" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
