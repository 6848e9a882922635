package complexity

// AnalyzeSource measures the functions of one file given its bytes. path
// names the file in results and warnings and decides the language (see
// LanguageOf); a file of no known language gives an empty result.
func AnalyzeSource(path string, data []byte) FileResult {
	res := FileResult{Path: path, Language: LanguageOf(path)}
	if res.Language == "" {
		res.Skipped = true
		return res
	}
	src, ws, ok := prepare(path, data)
	res.Warnings = ws
	if !ok {
		res.Skipped = true
		return res
	}
	res.Functions = analyze(path, res.Language, src)
	return res
}

func analyze(path string, lang Language, src []byte) []Function {
	ctx := newContext(src, path, lang)
	var out sink
	if lang == LangGo {
		out = newGoFinder(ctx)
	} else {
		out = newCFinder(ctx)
	}
	scan(src, lang, out)
	return ctx.out
}
