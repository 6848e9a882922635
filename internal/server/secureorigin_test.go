package server

import "testing"

// TestSecureOrigin: cookies are Secure (and HSTS is sent) whenever browsers
// reach the server over TLS, also when the TLS is a proxy's.
func TestSecureOrigin(t *testing.T) {
	tests := []struct {
		name string
		o    RunOptions
		want bool
	}{
		{"plain http", RunOptions{}, false},
		{"own TLS", RunOptions{TLSCert: "cert.pem", TLSKey: "key.pem"}, true},
		{"https proxy", RunOptions{BaseURL: "https://vuln.example.org"}, true},
		{"HTTPS proxy, upper case", RunOptions{BaseURL: "HTTPS://vuln.example.org/"}, true},
		{"http proxy", RunOptions{BaseURL: "http://vuln.example.org"}, false},
	}
	for _, tt := range tests {
		if got := secureOrigin(tt.o); got != tt.want {
			t.Errorf("%s: secureOrigin = %v, want %v", tt.name, got, tt.want)
		}
	}
}
