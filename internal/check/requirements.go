package check

// Requirement IDs of the process catalog (internal/process/catalog.yaml)
// that the checks evidence. A test holds these to the catalog.
const (
	ReqCommitReference        = "CM-3"   // relate every commit to a change request
	ReqDenyUnreferenced       = "CM-4"   // deny commits without a valid reference
	ReqReviewBeforeCheckIn    = "CR-1"   // review each change before check-in
	ReqIndependentReview      = "CR-2"   // at least one independent reviewer
	ReqSecurityReviewOnChange = "SR-3"   // security architect reviews security-module changes
	ReqAutomatedPrecommit     = "AU-1"   // review process automated in precommit checks
	ReqModuleArchitect        = "PROC-7" // a responsible security architect per security module
	ReqModuleArchitectureDoc  = "ARCH-3" // an architecture document per module
)
