package complexity

import (
	"path"
	"strings"
)

// Language is the language a file is analysed as.
type Language string

// Languages the analyzer knows. Headers (.h) count as C: a tokenizer reads
// C and C++ the same way, and budgets per language are about the files
// a project writes as C++ (.cc, .cpp, …).
const (
	LangC   Language = "c"
	LangCPP Language = "cpp"
	LangGo  Language = "go"
)

// Languages lists the known languages, sorted.
func Languages() []Language { return []Language{LangC, LangCPP, LangGo} }

// LanguageOf returns the language of a file by its extension, ignoring
// case as lizard does, or "" when the file is not analysed.
func LanguageOf(name string) Language {
	switch strings.ToLower(path.Ext(name)) {
	case ".c", ".h":
		return LangC
	case ".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".h++":
		return LangCPP
	case ".go":
		return LangGo
	}
	return ""
}
