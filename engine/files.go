package engine

// FileAPI reads and writes a container's files through the archive API, and its changes (issue 10).
type FileAPI interface{}
