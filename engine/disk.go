package engine

// DiskAPI is what takes space and cleaning it up, as `docker system df` and the prunes (issue 11).
type DiskAPI interface{}
