// Package gitlog reads commit history from a real git repository as fast as
// git itself prints it: one `git log` process, streamed and split without
// copying messages more than once. It is the raw-facts collector for every
// gate that looks at history.
package gitlog

// Commit is one commit as the gates need it.
type Commit struct {
	Hash           string   `json:"hash"`
	Parents        []string `json:"parents,omitempty"`
	AuthorName     string   `json:"author_name"`
	AuthorEmail    string   `json:"author_email"`
	CommitterName  string   `json:"committer_name"`
	CommitterEmail string   `json:"committer_email"`
	// AuthorTime is seconds since the epoch.
	AuthorTime int64  `json:"author_time"`
	Message    string `json:"message"`
	// Files changed relative to the first parent; only filled when asked for.
	Files []string `json:"files,omitempty"`
}

// Subject is the first line of the message.
func (c *Commit) Subject() string {
	for i := 0; i < len(c.Message); i++ {
		if c.Message[i] == '\n' {
			return c.Message[:i]
		}
	}
	return c.Message
}

// IsMerge reports whether c has more than one parent.
func (c *Commit) IsMerge() bool { return len(c.Parents) > 1 }
