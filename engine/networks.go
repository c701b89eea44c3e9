package engine

// NetworkAPI lists, creates, removes, connects and disconnects networks (issue 11).
type NetworkAPI interface{}
