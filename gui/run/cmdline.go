package run

// The `docker run` command line behind the run dialog: the form's plain model,
// the command it stands for (generateRunCommand) and the reverse, a pasted
// command line back into a form (parseRunCommand). Pure functions, no Fyne.

import (
	"errors"
	"strconv"
	"strings"

	"berth/engine"
	"berth/gui/i18n"
)

// runPort is one port mapping row: [hostIP:][hostPort:]containerPort[/proto].
// The fields are kept as typed; validation happens in the dialog.
type runPort struct {
	HostIP        string // "" for all interfaces
	HostPort      string // "" lets the engine pick one on HostIP; with no HostIP either, nothing is published
	ContainerPort string
	Proto         string // tcp (also ""), udp or sctp
}

// published reports whether the row publishes its port: it has a host
// port, or a host IP the engine picks a port on. A container port alone
// (as the image's exposed ports fill the rows) waits for the user to type
// a host port: nothing reaches every address of the machine unasked.
func (p runPort) published() bool {
	return strings.TrimSpace(p.ContainerPort) != "" && (strings.TrimSpace(p.HostPort) != "" || strings.TrimSpace(p.HostIP) != "")
}

// empty reports whether the row has nothing typed in it.
func (p runPort) empty() bool {
	return strings.TrimSpace(p.HostIP) == "" && strings.TrimSpace(p.HostPort) == "" && strings.TrimSpace(p.ContainerPort) == ""
}

// proto is the row's protocol, tcp when unset.
func (p runPort) proto() string {
	if p.Proto == "" {
		return i18n.Code("tcp")
	}
	return p.Proto
}

// String is the row as a --publish value, in the CLI's syntax: 8080:80, 127.0.0.1:8080:80/udp, [::1]:8080:80.
func (p runPort) String() string {
	ip, host, ctr := strings.TrimSpace(p.HostIP), strings.TrimSpace(p.HostPort), strings.TrimSpace(p.ContainerPort)
	s := ctr
	if pr := p.proto(); pr != "tcp" {
		s += "/" + pr
	}
	switch {
	case ip != "":
		if strings.Contains(ip, ":") && !strings.HasPrefix(ip, "[") {
			ip = "[" + ip + "]"
		}
		s = ip + ":" + host + ":" + s
	case host != "":
		s = host + ":" + s
	}
	return s
}

// parseRunPort splits a --publish value into a row, as nat.ParsePortSpec splits it.
// The numbers are not checked here (the dialog shows what is wrong with them).
func parseRunPort(spec string) (runPort, error) {
	var p runPort
	parts := strings.Split(spec, ":")
	n := len(parts)
	ctr := parts[n-1]
	switch {
	case n == 2:
		p.HostPort = parts[0]
	case n >= 3:
		p.HostIP = strings.Join(parts[:n-2], ":")
		p.HostPort = parts[n-2]
	}
	if strings.HasPrefix(p.HostIP, "[") && strings.HasSuffix(p.HostIP, "]") {
		p.HostIP = p.HostIP[1 : len(p.HostIP)-1]
	}
	p.ContainerPort = ctr
	if i := strings.LastIndexByte(ctr, '/'); i >= 0 {
		p.ContainerPort = ctr[:i]
		p.Proto = strings.ToLower(ctr[i+1:])
	}
	switch p.Proto {
	case "", "tcp", "udp", "sctp":
	default:
		return runPort{}, errors.New(i18n.T("run.cmd.badProto", "Spec", strconv.Quote(spec), "Proto", strconv.Quote(p.Proto)))
	}
	if p.Proto == "" {
		p.Proto = i18n.Code("tcp")
	}
	if strings.TrimSpace(p.ContainerPort) == "" {
		return runPort{}, errors.New(i18n.T("run.cmd.noContainerPort", "Spec", strconv.Quote(spec)))
	}
	return p, nil
}

// runEnv is one environment variable row.
type runEnv struct {
	Key, Value string
}

// runForm is what the run dialog holds, as plain values.
type runForm struct {
	Image   string
	Name    string
	Ports   []runPort
	Env     []runEnv
	Binds   []engine.Bind
	Restart engine.RestartPolicy // "" or "no": none
	Cmd     []string             // optional command after the image
}

// spec turns the form into what ContainerRun takes; empty rows, and port
// rows that publish nothing, are left out.
func (f runForm) spec() engine.RunSpec {
	s := engine.RunSpec{Image: strings.TrimSpace(f.Image), Name: strings.TrimSpace(f.Name), Cmd: f.Cmd}
	for _, p := range f.Ports {
		if p.published() {
			s.Ports = append(s.Ports, p.String())
		}
	}
	for _, e := range f.Env {
		if e.Key != "" || e.Value != "" {
			s.Env = append(s.Env, e.Key+"="+e.Value)
		}
	}
	for _, b := range f.Binds {
		if b.HostPath != "" || b.ContainerPath != "" {
			s.Binds = append(s.Binds, b)
		}
	}
	if f.Restart != "" && f.Restart != engine.RestartNo {
		s.Restart = f.Restart
	}
	return s
}

// generateRunCommand is the command line the form stands for, in the
// tutorial's own form (engine.RunCommand of the form's spec).
func generateRunCommand(f runForm) string { return engine.RunCommand(f.spec()) }

// cmdQuote quotes s for a POSIX shell, only when it needs it (engine.Quote).
func cmdQuote(s string) string { return engine.Quote(s) }

// cmdJoin quotes and joins words, e.g. for the command entry.
func cmdJoin(words []string) string { return engine.JoinCommand(words...) }

// cmdSplit splits a command line into words as a POSIX shell does, without
// expansions: '…' is literal, "…" honours \" \\ \$ \` and line continuations,
// a backslash outside quotes escapes the next character, and a backslash
// before a newline joins the lines. Shell operators (; & | < >) outside quotes
// are refused: one command at a time.
func cmdSplit(s string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		in    bool // inside a word
	)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case c == '\\':
			if i+1 >= len(rs) {
				return nil, errors.New(i18n.T("run.cmd.backslash"))
			}
			i++
			if rs[i] == '\n' {
				continue // line continuation
			}
			if rs[i] == '\r' && i+1 < len(rs) && rs[i+1] == '\n' {
				i++
				continue
			}
			cur.WriteRune(rs[i])
			in = true
		case c == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j >= len(rs) {
				return nil, errors.New(i18n.T("run.cmd.singleQuote"))
			}
			cur.WriteString(string(rs[i+1 : j]))
			i = j
			in = true
		case c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) {
					switch rs[j+1] {
					case '"', '\\', '$', '`':
						j++
						cur.WriteRune(rs[j])
						continue
					case '\n':
						j++
						continue
					}
				}
				cur.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, errors.New(i18n.T("run.cmd.doubleQuote"))
			}
			i = j
			in = true
		case strings.ContainsRune(";&|<>", c):
			return nil, errors.New(i18n.T("run.cmd.joins", "Char", strconv.Quote(string(c))))
		default:
			cur.WriteRune(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}

// runFlag describes one option of docker run that the parser knows.
type runFlag struct {
	long  string
	short rune
	value bool // takes a value
}

var runFlags = []runFlag{
	{long: i18n.Code("detach"), short: 'd'},
	{long: i18n.Code("publish"), short: 'p', value: true},
	{long: i18n.Code("name"), value: true},
	{long: i18n.Code("env"), short: 'e', value: true},
	{long: i18n.Code("volume"), short: 'v', value: true},
	{long: i18n.Code("restart"), value: true},
	{long: i18n.Code("rm")},
	{long: i18n.Code("interactive"), short: 'i'},
	{long: i18n.Code("tty"), short: 't'},
}

func lookupRunFlag(long string, short rune) (runFlag, bool) {
	for _, f := range runFlags {
		if long != "" && f.long == long || short != 0 && f.short == short {
			return f, true
		}
	}
	return runFlag{}, false
}

// parseRunCommand reads a pasted `docker run …` command line into a form.
// notes are things the user should know (options Berth ignores); err says,
// in plain words, why the command cannot fill the form (naming the option).
func parseRunCommand(line string) (f runForm, notes []string, err error) {
	words, err := cmdSplit(line)
	if err != nil {
		return runForm{}, nil, err
	}
	// Prefix: [$] [sudo] docker [container] run
	if len(words) > 0 && (words[0] == "$" || words[0] == "#") {
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "sudo" {
		words = words[1:]
	}
	if len(words) == 0 || (words[0] != "docker" && !strings.HasSuffix(words[0], "/docker")) {
		return runForm{}, nil, errors.New(i18n.T("run.cmd.notDockerRun"))
	}
	words = words[1:]
	if len(words) > 0 && words[0] == "container" {
		words = words[1:]
	}
	if len(words) == 0 || words[0] != "run" {
		return runForm{}, nil, errors.New(i18n.T("run.cmd.notDockerRun"))
	}
	words = words[1:]

	noted := map[string]bool{}
	note := func(s string) {
		if !noted[s] {
			noted[s] = true
			notes = append(notes, s)
		}
	}
	apply := func(fl runFlag, name, val string, hasVal bool) error {
		if !fl.value && hasVal {
			switch strings.ToLower(val) {
			case "true", "1":
			case "false", "0":
				if fl.long == "detach" {
					note(i18n.T("run.note.detach"))
				}
				return nil
			default:
				return errors.New(i18n.T("run.cmd.noValue", "Option", name, "Value", strconv.Quote(val)))
			}
		}
		switch fl.long {
		case "detach":
		case "rm":
			note(i18n.T("run.note.rm"))
		case "interactive", "tty":
			note(i18n.T("run.note.interactive"))
		case "publish":
			p, err := parseRunPort(val)
			if err != nil {
				return err
			}
			if !p.published() {
				note(i18n.T("run.note.publishAny", "Option", name, "Value", val))
			}
			f.Ports = append(f.Ports, p)
		case "name":
			f.Name = val
		case "env":
			k, v, ok := strings.Cut(val, "=")
			if !ok {
				note(i18n.T("run.note.envNoValue", "Value", val))
			}
			f.Env = append(f.Env, runEnv{Key: k, Value: v})
		case "volume":
			b, err := engine.ParseBind(val)
			if err != nil {
				return err
			}
			f.Binds = append(f.Binds, b)
		case "restart":
			pol, count, _ := strings.Cut(val, ":")
			switch engine.RestartPolicy(pol) {
			case engine.RestartNo, engine.RestartAlways, engine.RestartUnlessStopped:
				if count != "" {
					return errors.New(i18n.T("run.cmd.restartNoCount", "Policy", pol))
				}
			case engine.RestartOnFailure:
				if count != "" {
					note(i18n.T("run.note.restartCount", "Retries", count))
				}
			default:
				return errors.New(i18n.T("run.cmd.badRestart", "Value", strconv.Quote(val)))
			}
			f.Restart = engine.RestartPolicy(pol)
		}
		return nil
	}

	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--":
			i++
			if i < len(words) {
				f.Image = words[i]
				f.Cmd = append([]string(nil), words[i+1:]...)
			}
			i = len(words)
		case strings.HasPrefix(w, "--"):
			name, val, hasVal := strings.Cut(w[2:], "=")
			fl, ok := lookupRunFlag(name, 0)
			if !ok || name == "" {
				return runForm{}, nil, errors.New(i18n.T("run.cmd.unsupportedLong", "Name", name))
			}
			if fl.value && !hasVal {
				if i+1 >= len(words) {
					return runForm{}, nil, errors.New(i18n.T("run.cmd.needsValueLong", "Name", name))
				}
				i++
				val, hasVal = words[i], true
			}
			if err := apply(fl, "--"+name, val, hasVal); err != nil {
				return runForm{}, nil, err
			}
		case strings.HasPrefix(w, "-") && len(w) > 1:
			// Short options, possibly grouped (-dit, -dp 80:80, -p80:80, -p=80:80).
			rs := []rune(w[1:])
			for j := 0; j < len(rs); j++ {
				fl, ok := lookupRunFlag("", rs[j])
				if !ok {
					return runForm{}, nil, errors.New(i18n.T("run.cmd.unsupportedShort", "Name", string(rs[j])))
				}
				if !fl.value {
					if err := apply(fl, "-"+string(rs[j]), "", false); err != nil {
						return runForm{}, nil, err
					}
					continue
				}
				val := string(rs[j+1:])
				val = strings.TrimPrefix(val, "=")
				if j+1 >= len(rs) {
					if i+1 >= len(words) {
						return runForm{}, nil, errors.New(i18n.T("run.cmd.needsValueShort", "Name", string(rs[j])))
					}
					i++
					val = words[i]
				}
				if err := apply(fl, "-"+string(rs[j]), val, true); err != nil {
					return runForm{}, nil, err
				}
				break
			}
		default:
			f.Image = w
			f.Cmd = append([]string(nil), words[i+1:]...)
			i = len(words)
		}
	}
	if strings.TrimSpace(f.Image) == "" {
		return runForm{}, nil, errors.New(i18n.T("run.cmd.noImage"))
	}
	if len(f.Cmd) == 0 {
		f.Cmd = nil
	}
	return f, notes, nil
}
