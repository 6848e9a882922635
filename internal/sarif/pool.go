package sarif

import (
	"errors"
	"runtime"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// validatorPool validates results against the result subschema on every
// CPU while the decoder reads on. Violations are merged by pointer order,
// which does not depend on which worker finished first, so the message is
// the same as a sequential validation would give.
type validatorPool struct {
	schema *jsonschema.Schema
	jobs   chan resultJob
	wg     sync.WaitGroup

	mu    sync.Mutex
	first *violation
	count int
	err   error
}

type resultJob struct {
	run, i int
	x      any
}

func newValidatorPool(s *jsonschema.Schema) *validatorPool {
	n := runtime.GOMAXPROCS(0)
	p := &validatorPool{schema: s, jobs: make(chan resultJob, 4*n)}
	for range n {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

func (p *validatorPool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		err := p.schema.Validate(j.x)
		if err == nil {
			continue
		}
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			p.mu.Lock()
			p.err = err
			p.mu.Unlock()
			continue
		}
		prefix := []string{"runs", strconv.Itoa(j.run), "results", strconv.Itoa(j.i)}
		leaves := sortedLeaves(ve)
		first := append(append([]string(nil), prefix...), leaves[0].InstanceLocation...)
		msg := describe(leaves[0])
		p.mu.Lock()
		p.count += len(leaves)
		if p.first == nil || comparePointers(first, p.first.ptr) < 0 {
			p.first = &violation{ptr: first, msg: msg}
		}
		p.mu.Unlock()
	}
}

// wait ends the pool and returns the first violation and the count.
func (p *validatorPool) wait() (*violation, int) {
	close(p.jobs)
	p.wg.Wait()
	return p.first, p.count
}
