package present

import (
	"fmt"

	units "github.com/docker/go-units"

	"berth/gui/i18n"
)

// Percent is a CPU or memory share as `docker stats` prints it: "12.34%".
func Percent(p float64) string { return fmt.Sprintf("%.2f%%", p) }

// MemUsage is memory use and limit as `docker stats` prints them (binary
// units): "324KiB / 23.54GiB".
func MemUsage(usage, limit uint64) string {
	return units.BytesSize(float64(usage)) + " / " + units.BytesSize(float64(limit))
}

// IOBytes is a network or block I/O total as `docker stats` prints it
// (decimal units, 3 significant digits): "1.2kB".
func IOBytes(n uint64) string { return units.HumanSizeWithPrecision(float64(n), 3) }

// Rate is bytes per second: "1.2kB/s".
func Rate(bytesPerSecond float64) string {
	return units.HumanSizeWithPrecision(bytesPerSecond, 3) + i18n.Code("/s")
}

// BytesBinary is a memory size in binary units, as `docker stats` prints memory: "23.54GiB".
func BytesBinary(n float64) string { return units.BytesSize(n) }
