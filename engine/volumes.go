package engine

// VolumeAPI lists, creates, removes and browses volumes (issue 11).
type VolumeAPI interface{}
