package complexity

// Function is what the analyzer measured about one function.
type Function struct {
	// File is the path as the caller named it (slash-separated).
	File     string   `json:"file"`
	Language Language `json:"language"`
	// Name is how lizard names the function: the identifier, qualified
	// with its C++ namespaces and classes ("ns::Class::method"); a Go
	// method is named by its identifier, a Go closure is "" (lizard's
	// name) and shown as "(anonymous)".
	Name string `json:"name"`
	// LongName adds the parameter list as written.
	LongName  string `json:"long_name"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	// CCN is the cyclomatic complexity: 1 + the number of decisions.
	CCN int `json:"ccn"`
	// NLOC counts the lines of the function that hold code: no blank
	// lines, no comment-only lines, no preprocessor lines.
	NLOC int `json:"nloc"`
	// Params counts the declared parameters.
	Params int `json:"params"`
	// MaxNesting is how deeply control structures nest in the body: 0 for
	// straight-line code, 1 inside one if/for/while/switch, and so on.
	MaxNesting int `json:"max_nesting"`
}

// DisplayName is Name, or "(anonymous)" for a Go closure.
func (f Function) DisplayName() string {
	if f.Name == "" {
		return "(anonymous)"
	}
	return f.Name
}

// FileResult is one analysed file.
type FileResult struct {
	Path      string
	Language  Language
	Functions []Function
	// Warnings name what was wrong with the file; a skipped file has
	// Skipped set and no functions.
	Warnings []Warning
	Skipped  bool
}

// Warning is a problem with one input file: it was skipped, or analysed
// with a caveat.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	s := w.File
	if w.Line > 0 {
		s += ":" + itoa(w.Line)
	}
	return s + ": " + w.Message
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
