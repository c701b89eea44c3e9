package engine

// StatsAPI is a container's resource use and processes, as `docker stats` and `docker top` (issue 10).
type StatsAPI interface{}
