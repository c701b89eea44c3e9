package gui

// OpenProjectLogs is a stand-in until the logs branch brings the merged
// logs of a compose project: it opens the logs of the project's first
// container. MERGE: delete this file when the logs branch's
// host.OpenProjectLogs arrives.
func (h host) OpenProjectLogs(project string) {
	for _, c := range h.u.snap.Containers {
		if c.Project == project {
			h.OpenLogs(c)
			return
		}
	}
}
