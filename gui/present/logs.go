package present

import (
	"strconv"

	"berth/gui/i18n"
)

// Count is n with thousands separated by commas: 1,204.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// MatchCount is the search's count next to its field: "37 of 1,204",
// "1,204 lines" before one is picked, "no match".
func MatchCount(cur, total int) string {
	switch {
	case total == 0:
		return i18n.T("present.match.none")
	case cur < 0:
		return i18n.N("present.match.lines", total, "N", Count(total))
	}
	return i18n.T("present.match.of", "Cur", Count(cur+1), "Total", Count(total))
}
