package harden

import "github.com/assure-dev/assure/internal/model"

// Exception accepts a deliberate deviation from the profile for one
// symbol. The model lists them (kconfig.hardening.exceptions) until the
// waiver registry holds them; Waiver names the registry entry (W-nnnn)
// when there is one.
type Exception struct {
	Symbol        string `json:"symbol"`
	Justification string `json:"justification"`
	Approver      string `json:"approver"`
	// Expires is a date (YYYY-MM-DD) after which the exception no longer
	// holds; empty means it does not expire.
	Expires string    `json:"expires,omitempty"`
	Waiver  string    `json:"waiver,omitempty"`
	Pos     model.Pos `json:"-"`
}

// expired reports whether the exception has run out on day today
// (YYYY-MM-DD; ISO dates compare as text). It still holds on its last day.
func (e *Exception) expired(today string) bool {
	return e.Expires != "" && today != "" && e.Expires < today
}
