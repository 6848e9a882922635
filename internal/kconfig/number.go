package kconfig

import (
	"math/big"
	"strconv"
)

// pyInt is an integer of any size, as Python's int: Kconfiglib parses
// int/hex values with int(s, base), so 0xFFFFFFFFFFFFFFFFFF is a valid hex
// value and comparisons never overflow. Small values avoid math/big.
type pyInt struct {
	small int64
	big   *big.Int // non-nil when the value does not fit in int64
}

func smallInt(v int64) pyInt { return pyInt{small: v} }

func (a pyInt) toBig() *big.Int {
	if a.big != nil {
		return a.big
	}
	return big.NewInt(a.small)
}

func (a pyInt) cmp(b pyInt) int {
	if a.big == nil && b.big == nil {
		switch {
		case a.small < b.small:
			return -1
		case a.small > b.small:
			return 1
		}
		return 0
	}
	return a.toBig().Cmp(b.toBig())
}

// decimal is Python's str(n).
func (a pyInt) decimal() string {
	if a.big != nil {
		return a.big.String()
	}
	return strconv.FormatInt(a.small, 10)
}

// hex is Python's hex(n): 0x prefix, lower case, sign in front.
func (a pyInt) hex() string {
	if a.big != nil {
		if a.big.Sign() < 0 {
			return "-0x" + new(big.Int).Neg(a.big).Text(16)
		}
		return "0x" + a.big.Text(16)
	}
	// FormatInt writes the sign first, also for the smallest int64, whose
	// magnitude no int64 holds.
	s := strconv.FormatInt(a.small, 16)
	if a.small < 0 {
		return "-0x" + s[1:]
	}
	return "0x" + s
}

// isBaseN is Kconfiglib's _is_base_n: does int(s, base) succeed?
func isBaseN(s string, base int) bool {
	_, ok := parsePyInt(s, base)
	return ok
}

// parsePyInt parses s the way Python's int(s, base) does for base 0, 10 and
// 16: surrounding whitespace, a sign, a 0x prefix (base 16 and 0; 0o and 0b
// too for base 0), single underscores between digits, and for base 0 no
// leading zeros in decimal numbers.
func parsePyInt(s string, base int) (pyInt, bool) {
	s = pyStrip(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	prefixed := false
	if len(s) >= 2 && s[0] == '0' {
		p := s[1] | 0x20
		switch {
		case p == 'x' && (base == 16 || base == 0):
			base, prefixed = 16, true
		case p == 'o' && base == 0:
			base, prefixed = 8, true
		case p == 'b' && base == 0:
			base, prefixed = 2, true
		}
		if prefixed {
			s = s[2:]
		}
	}
	decimal0 := false
	if base == 0 {
		base, decimal0 = 10, true
	}
	if s == "" {
		return pyInt{}, false
	}
	// An underscore may follow the prefix, or separate two digits.
	if s[0] == '_' {
		if !prefixed {
			return pyInt{}, false
		}
		s = s[1:]
		if s == "" {
			return pyInt{}, false
		}
	}
	digits := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if i+1 >= len(s) || s[i+1] == '_' {
				return pyInt{}, false
			}
			continue
		}
		if digitValue(c) >= base {
			return pyInt{}, false
		}
		digits = append(digits, c)
	}
	if decimal0 {
		// Python rejects "010" in base 0, but accepts "0", "00", "0_0".
		if digits[0] == '0' {
			for _, c := range digits {
				if c != '0' {
					return pyInt{}, false
				}
			}
		}
	}
	str := string(digits)
	if u, err := strconv.ParseUint(str, base, 63); err == nil {
		v := int64(u)
		if neg {
			v = -v
		}
		return pyInt{small: v}, true
	}
	b, ok := new(big.Int).SetString(str, base)
	if !ok {
		return pyInt{}, false
	}
	if neg {
		b.Neg(b)
	}
	if b.IsInt64() {
		return pyInt{small: b.Int64()}, true
	}
	return pyInt{big: b}, true
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}
