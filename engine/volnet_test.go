package engine

import "testing"

func TestValidateVolumeAndNetworkNames(t *testing.T) {
	for name, ok := range map[string]bool{"": true, "data": true, "my_vol.1-x": true, "a": false, "bad name": false,
		"-x": false, "x/y": false, "/abs": false} {
		if err := ValidateVolumeName(name); (err == nil) != ok || (err != nil && !IsKind(err, ErrInvalidName)) {
			t.Errorf("ValidateVolumeName(%q) = %v", name, err)
		}
	}
	for name, ok := range map[string]bool{"": false, "n": true, "front_end.1-x": true, "bad name": false, "x/y": false, "-x": false} {
		if err := ValidateNetworkName(name); (err == nil) != ok {
			t.Errorf("ValidateNetworkName(%q) = %v", name, err)
		}
	}
}

func TestValidateSubnet(t *testing.T) {
	for _, c := range []struct {
		subnet, gateway, bad string
	}{
		{"", "", ""}, {"10.1.0.0/24", "", ""}, {"10.1.0.0/24", "10.1.0.1", ""}, {"fd00::/64", "fd00::1", ""},
		{"10.1.0.5/24", "", "10.1.0.5/24"}, {"10.1.x.0/24", "", "10.1.x.0/24"}, {"10.1.0.0", "", "10.1.0.0"},
		{"10.1.0.0/24", "10.2.0.1", "10.2.0.1"}, {"", "10.2.0.1", "10.2.0.1"},
	} {
		err := ValidateSubnet(c.subnet, c.gateway)
		if c.bad == "" && err != nil || c.bad != "" && (AsError(err) == nil || AsError(err).Ref != c.bad || !IsKind(err, ErrInvalidSubnet)) {
			t.Errorf("ValidateSubnet(%q, %q) = %v, want bad %q", c.subnet, c.gateway, err, c.bad)
		}
	}
}
