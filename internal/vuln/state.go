package vuln

// State is where a report is in its lifecycle.
type State string

// The states of Zephyr's process, in lifecycle order.
const (
	StateNew      State = "new"
	StateTriage   State = "triage"
	StateAssigned State = "assigned"
	StateReview   State = "review"
	StateAccepted State = "accepted"
	StatePublic   State = "public"
	StateRejected State = "rejected"
)

// States lists every state in lifecycle order (Rejected last).
func States() []State {
	return []State{StateNew, StateTriage, StateAssigned, StateReview, StateAccepted, StatePublic, StateRejected}
}

// Valid reports whether s is one of the states.
func (s State) Valid() bool {
	for _, x := range States() {
		if x == s {
			return true
		}
	}
	return false
}

// Final reports whether nothing moves a report out of s.
func (s State) Final() bool { return s == StatePublic || s == StateRejected }

// transitions is the whole state machine: which action moves a report from
// which state to which. Rejection is not here: it needs two people and
// lands through ApproveRejection from Triage or Review.
var transitions = map[Action]struct {
	from []State
	to   State
}{
	ActionStartTriage: {[]State{StateNew}, StateTriage},
	ActionAssign:      {[]State{StateTriage, StateReview}, StateAssigned},
	ActionSubmit:      {[]State{StateAssigned}, StateReview},
	ActionAccept:      {[]State{StateReview}, StateAccepted},
	ActionPublish:     {[]State{StateAccepted}, StatePublic},
}

// rejectable are the states a report may be rejected from.
var rejectable = []State{StateTriage, StateReview}

// Transition is one edge of the state machine, for documentation and UIs.
type Transition struct {
	Action Action
	From   State
	To     State
}

// Transitions lists every edge of the state machine in lifecycle order,
// rejection included.
func Transitions() []Transition {
	var out []Transition
	for _, a := range []Action{ActionStartTriage, ActionAssign, ActionSubmit, ActionAccept, ActionPublish} {
		t := transitions[a]
		for _, f := range t.from {
			out = append(out, Transition{a, f, t.to})
		}
	}
	for _, f := range rejectable {
		out = append(out, Transition{ActionApproveRejection, f, StateRejected})
	}
	return out
}

func in(s State, set []State) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}
