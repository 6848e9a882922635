package sarif

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Reader reads a SARIF log that may be far larger than memory should hold
// (a CodeQL or Coverity export of 100 MB). NewReader validates the whole
// document against the schema first, then Results streams the results of a
// run one at a time.
//
// Validation needs every byte, but not every byte at once: the schema
// constrains each result only through #/definitions/result, and a run's
// results array has no constraint across its items (uniqueItems is false,
// minItems 0). So the reader decodes the document as a stream of tokens,
// builds everything except the results arrays (the "skeleton": tool, rules,
// artifacts, invocations), validates each result on its own against the
// result subschema as it passes, and finally validates the skeleton, whose
// results arrays are left empty, against the whole schema. The violations
// are exactly those of validating the whole document; memory is the
// skeleton plus one result. The reader remembers where each results array
// starts so Results can read it again without the rest of the file.
type Reader struct {
	name string
	r    io.ReaderAt
	size int64
	log  Log
	runs []runMeta
}

type runMeta struct {
	off   int64 // where the results array starts, -1 when the run has none
	count int
}

// NewReader validates the log in r (size bytes, e.g. an *os.File or a
// *bytes.Reader) and returns a reader of its runs. name is used in errors.
// The error is Validate's: the JSON pointer of the first violation, or the
// line and column of a syntax error.
func NewReader(name string, r io.ReaderAt, size int64) (*Reader, error) {
	v := &streamValidator{r: r, size: size}
	skel, err := v.document()
	if err != nil {
		if v.pool != nil {
			v.pool.wait()
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := v.validateSkeleton(skel); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rd := &Reader{name: name, r: r, size: size, runs: v.runs}
	if err := rd.header(skel); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rd, nil
}

// header decodes the validated skeleton into the typed log. The skeleton's
// results arrays are empty placeholders; Results reads the real ones.
func (rd *Reader) header(skel any) error {
	b, err := json.Marshal(skel)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &rd.log); err != nil {
		return fmt.Errorf("cannot decode the log: %v", err)
	}
	for i := range rd.log.Runs {
		rd.log.Runs[i].Results = nil
	}
	if len(rd.log.Runs) != len(rd.runs) {
		return fmt.Errorf("internal error: %d runs decoded, %d streamed", len(rd.log.Runs), len(rd.runs))
	}
	return nil
}

// Log returns the log without results: version, $schema and every run's
// tool, artifacts, invocations and base ids.
func (rd *Reader) Log() *Log { return &rd.log }

// ResultCount says how many results run i has, and whether it has a results
// array at all (SARIF distinguishes "found nothing" from "did not look").
func (rd *Reader) ResultCount(run int) (n int, present bool) {
	m := rd.runs[run]
	return m.count, m.off >= 0
}

// Results calls fn for each result of run i in document order. The *Result
// is reused between calls: copy what must outlive the call.
func (rd *Reader) Results(run int, fn func(i int, res *Result) error) error {
	m := rd.runs[run]
	if m.off < 0 {
		return nil
	}
	dec := newDecoder(io.NewSectionReader(rd.r, m.off, rd.size-m.off))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '[' {
		return fmt.Errorf("%s: /runs/%d/results changed while it was read (%v)", rd.name, run, err)
	}
	var res Result
	for i := 0; dec.PeekKind() != ']'; i++ {
		res = Result{}
		if err := jsonv2.UnmarshalDecode(dec, &res); err != nil {
			return fmt.Errorf("%s: /runs/%d/results/%d: %v", rd.name, run, i, err)
		}
		if err := fn(i, &res); err != nil {
			return err
		}
	}
	return nil
}

// newDecoder reads JSON as RFC 8259 says: a name twice in one object is an
// error (a log with two "results" arrays is ambiguous, and ambiguity in the
// evidence of a gate is refused), but invalid UTF-8 is accepted as
// encoding/json accepts it, because analyzers copy source lines in legacy
// encodings into snippets.
func newDecoder(r io.Reader) *jsontext.Decoder {
	return jsontext.NewDecoder(r, jsontext.AllowInvalidUTF8(true))
}

// streamValidator is the first pass: tokens in, skeleton and result
// violations out.
type streamValidator struct {
	r    io.ReaderAt
	size int64
	dec  *jsontext.Decoder
	runs []runMeta

	pool *validatorPool
}

type violation struct {
	ptr []string
	msg string
}

func (v *streamValidator) document() (any, error) {
	v.dec = newDecoder(io.NewSectionReader(v.r, 0, v.size))
	tok, err := v.dec.ReadToken()
	if err == io.EOF {
		return nil, errors.New("empty file, expected a SARIF log (a JSON object)")
	}
	if err != nil {
		return nil, v.syntax(err)
	}
	var doc any
	switch tok.Kind() {
	case '{':
		doc, err = v.root()
	case '[':
		// The schema wants an object; an array of any size fails with
		// the same message, so it is skipped rather than built.
		doc, err = []any{}, v.skip()
	default:
		doc, err = v.value(tok)
	}
	if err != nil {
		return nil, err
	}
	if err := v.trailing(); err != nil {
		return nil, err
	}
	return doc, nil
}

// root reads the top-level object, streaming its runs.
func (v *streamValidator) root() (any, error) {
	obj := map[string]any{}
	err := v.object(obj, func(key string) (bool, error) {
		if key != "runs" {
			return false, nil
		}
		runs, err := v.runsValue()
		obj["runs"] = runs
		return true, err
	})
	return obj, err
}

// runsValue reads the value of "runs": an array of run objects is streamed,
// anything else is built whole for the schema to reject.
func (v *streamValidator) runsValue() (any, error) {
	tok, err := v.token()
	if err != nil {
		return nil, err
	}
	if tok.Kind() != '[' {
		return v.value(tok)
	}
	runs := []any{}
	for v.dec.PeekKind() != ']' {
		tok, err := v.token()
		if err != nil {
			return nil, err
		}
		if tok.Kind() != '{' {
			x, err := v.value(tok)
			if err != nil {
				return nil, err
			}
			runs = append(runs, x)
			v.runs = append(v.runs, runMeta{off: -1})
			continue
		}
		run, err := v.run(len(runs))
		if err != nil {
			return nil, err
		}
		runs = append(runs, run)
	}
	_, err = v.token() // ]
	return runs, err
}

// run reads one run object, streaming its results.
func (v *streamValidator) run(i int) (any, error) {
	obj := map[string]any{}
	meta := runMeta{off: -1}
	err := v.object(obj, func(key string) (bool, error) {
		if key != "results" {
			return false, nil
		}
		tok, err := v.token()
		if err != nil {
			return true, err
		}
		if tok.Kind() != '[' {
			x, err := v.value(tok)
			obj["results"] = x
			return true, err
		}
		// The offset after '[' less the one byte of '[' itself.
		meta.off = v.dec.InputOffset() - 1
		n, err := v.results(i)
		meta.count = n
		obj["results"] = []any{}
		return true, err
	})
	v.runs = append(v.runs, meta)
	return obj, err
}

// results validates each result of run i on its own and keeps none. The
// decoder builds one result at a time; validating it against the schema
// costs more than decoding, so that runs on every CPU, a bounded number of
// results in flight.
func (v *streamValidator) results(run int) (int, error) {
	pool, err := v.validators()
	if err != nil {
		return 0, err
	}
	n := 0
	for ; v.dec.PeekKind() != ']'; n++ {
		tok, err := v.token()
		if err != nil {
			return n, err
		}
		x, err := v.value(tok)
		if err != nil {
			return n, err
		}
		pool.jobs <- resultJob{run: run, i: n, x: x}
	}
	_, err = v.token() // ]
	return n, err
}

func (v *streamValidator) validators() (*validatorPool, error) {
	if v.pool != nil {
		return v.pool, nil
	}
	s, err := compile(SchemaID + "#/definitions/result")
	if err != nil {
		return nil, err
	}
	v.pool = newValidatorPool(s)
	return v.pool, nil
}

// validateSkeleton validates everything but the results, then merges in
// the results' violations so the message is the one validating the whole
// document would give.
func (v *streamValidator) validateSkeleton(skel any) error {
	declared := ""
	if obj, ok := skel.(map[string]any); ok {
		declared, _ = obj["$schema"].(string)
	}
	s, err := schemaFor(declared)
	if err != nil {
		return err
	}
	var first *violation
	count := 0
	if v.pool != nil {
		first, count = v.pool.wait()
		if v.pool.err != nil {
			return v.pool.err
		}
	}
	if err := s.Validate(skel); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		leaves := sortedLeaves(ve)
		count += len(leaves)
		if l := leaves[0]; first == nil || comparePointers(l.InstanceLocation, first.ptr) <= 0 {
			first = &violation{ptr: l.InstanceLocation, msg: describe(l)}
		}
	}
	if first == nil {
		return nil
	}
	return violationError(first, count)
}

// object reads the members of an object whose '{' has been read. stream
// may take over reading the value of a key (returning true); otherwise the
// value is built into obj.
func (v *streamValidator) object(obj map[string]any, stream func(key string) (bool, error)) error {
	for v.dec.PeekKind() != '}' {
		tok, err := v.token()
		if err != nil {
			return err
		}
		key := tok.String()
		if done, err := stream(key); err != nil {
			return err
		} else if done {
			continue
		}
		tok, err = v.token()
		if err != nil {
			return err
		}
		x, err := v.value(tok)
		if err != nil {
			return err
		}
		obj[key] = x
	}
	_, err := v.token() // }
	return err
}

func noStream(string) (bool, error) { return false, nil }

// value builds the JSON value that starts with tok. The decoder bounds the
// nesting depth, so the recursion is bounded too.
func (v *streamValidator) value(tok jsontext.Token) (any, error) {
	switch tok.Kind() {
	case '{':
		obj := map[string]any{}
		return obj, v.object(obj, noStream)
	case '[':
		arr := []any{}
		for v.dec.PeekKind() != ']' {
			tok, err := v.token()
			if err != nil {
				return nil, err
			}
			x, err := v.value(tok)
			if err != nil {
				return nil, err
			}
			arr = append(arr, x)
		}
		_, err := v.token()
		return arr, err
	case '"':
		return tok.String(), nil
	case '0':
		return json.Number(tok.String()), nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	}
	return nil, nil
}

// skip reads past the rest of a value whose opening token has been read.
func (v *streamValidator) skip() error {
	for depth := 1; depth > 0; {
		tok, err := v.token()
		if err != nil {
			return err
		}
		switch tok.Kind() {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
	}
	return nil
}

// token reads the next token inside a value: the end of the input there is
// a truncated file, not the end of the document.
func (v *streamValidator) token() (jsontext.Token, error) {
	tok, err := v.dec.ReadToken()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return jsontext.Token{}, v.syntax(err)
	}
	return tok, nil
}

// trailing refuses anything but whitespace after the log.
func (v *streamValidator) trailing() error {
	off := v.dec.InputOffset()
	buf := make([]byte, 32*1024)
	for off < v.size {
		n, err := v.r.ReadAt(buf[:min(int64(len(buf)), v.size-off)], off)
		for i, b := range buf[:n] {
			if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
				line, col := lineCol(v.r, off+int64(i))
				return fmt.Errorf("line %d, column %d: unexpected data after the JSON value; a SARIF file holds exactly one log", line, col)
			}
		}
		off += int64(n)
		if err != nil && err != io.EOF {
			return err
		}
		if n == 0 {
			break
		}
	}
	return nil
}

// syntax turns a decoder error into the line and column of the offending
// byte.
func (v *streamValidator) syntax(err error) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			line, col := lineCol(v.r, v.size)
			return fmt.Errorf("line %d, column %d: invalid JSON: file ends in the middle of a value", line, col)
		}
		line, col := lineCol(v.r, se.ByteOffset)
		return fmt.Errorf("line %d, column %d: invalid JSON: %v", line, col, se.Err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := lineCol(v.r, v.size)
		return fmt.Errorf("line %d, column %d: invalid JSON: file ends in the middle of a value", line, col)
	}
	line, col := lineCol(v.r, v.dec.InputOffset())
	return fmt.Errorf("line %d, column %d: invalid JSON: %v", line, col, err)
}
