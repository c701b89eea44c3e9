package engine

// InspectAPI is a container's full configuration and state, as `docker inspect` (issue 10).
type InspectAPI interface{}
