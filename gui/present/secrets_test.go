package present

import "testing"

func TestIsSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"DB_PASSWORD": true, "password": true, "MYSQL_ROOT_PASSWD": true, "AWS_SECRET_ACCESS_KEY": true,
		"GITHUB_TOKEN": true, "api_key": true, "SSH_PRIVATE": true, "Auth_Header": true, "SESSION_COOKIE": true,
		"PATH": false, "HOME": false, "PWD": false, "OLDPWD": false, "GREETING": false, "LANG": false,
		"KEYBOARD": false, "NGINX_VERSION": false,
	} {
		if got := IsSecretName(name); got != want {
			t.Errorf("IsSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMaskEnv(t *testing.T) {
	for in, want := range map[string]string{
		"DB_PASSWORD=hunter2": "DB_PASSWORD=" + Mask,
		"DB_PASSWORD=":        "DB_PASSWORD=",
		"TOKEN":               "TOKEN",
		"PATH=/usr/bin:/bin":  "PATH=/usr/bin:/bin",
		"api_key=a=b":         "api_key=" + Mask,
	} {
		if got := MaskEnv(in); got != want {
			t.Errorf("MaskEnv(%q) = %q, want %q", in, got, want)
		}
	}
}
