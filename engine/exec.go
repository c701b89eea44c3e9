package engine

// ExecAPI runs interactive processes in containers, as `docker exec -it` (issue 10).
type ExecAPI interface{}
