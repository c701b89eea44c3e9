# Berth: make run | make test | make build
#
#   make run    install what is missing, start the Docker engine if it is not running, run Berth
#   make test   start the test bed (engine + local registry, scripts/testenv.sh), then gofmt,
#               go vet and every test, with the race detector
#   make build  build ./berth

GO ?= go
# Fyne reads the locale from LANG; "C" makes it log a parse error.
export LANG = en_US.UTF-8
GOFILES = find . -name '*.go' -not -path './.git/*' -not -path './.testenv/*' -not -path './fyne-cross/*'

.PHONY: run test build testenv testenv-down fmt-check vet

run:
	bash scripts/testenv.sh engine
	$(GO) run .

build:
	$(GO) build -o berth .

test: testenv fmt-check vet
	$(GO) test -race -count=1 -timeout 20m ./...

testenv:
	bash scripts/testenv.sh up

testenv-down:
	bash scripts/testenv.sh down

fmt-check:
	@out=$$($(GOFILES) -print0 | xargs -0 -r gofmt -l); \
	if [ -n "$$out" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
