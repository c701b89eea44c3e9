package engine

// ImageDetailAPI is an image's history and config, tagging, pushing and a registry's catalog (issue 11).
type ImageDetailAPI interface{}
