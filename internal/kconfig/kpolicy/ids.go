package kpolicy

// Check IDs.
const (
	CheckHardening        = "kconfig-hardening"
	CheckStackProtection  = "kconfig-stack-protection"
	CheckThreadSeparation = "kconfig-thread-separation"
	CheckDefaults         = "kconfig-defaults"
	CheckUnused           = "kconfig-unused"
	CheckHygiene          = "kconfig-hygiene"
)

// ProtectionChecks maps the Execution Protection requirements to their
// checks: one each, so a missing stack guard does not count against
// thread separation in the conformance summary.
var ProtectionChecks = map[string]string{
	ReqStackProtection: CheckStackProtection,
	ReqThreadSeparate:  CheckThreadSeparation,
}

// Rule IDs.
const (
	RuleFailed           = "kconfig-hardening/rule-failed"
	RuleMarker           = "kconfig-hardening/marker"
	RuleInsecureDefault  = "kconfig-hardening/insecure-default"
	RuleProtection       = "kconfig-protection/not-enabled"
	RuleStaleException   = "kconfig-hardening/stale-exception"
	RuleDefaultOn        = "kconfig-defaults/default-on"
	RuleStaleCommon      = "kconfig-defaults/stale-common"
	RuleUnused           = "kconfig-unused/unused"
	RuleUndefinedKconfig = "kconfig-hygiene/undefined-in-kconfig"
	RuleUndefinedSource  = "kconfig-hygiene/undefined-in-source"
	RuleNeverEnabled     = "kconfig-hygiene/never-enabled"
)

// Requirement IDs of the process catalog the policies evidence.
const (
	ReqSecureDefaults  = "DEF-5"  // default settings that provide maximum security
	ReqRareOff         = "DEF-9"  // rarely used features and services off by default
	ReqExplicitOption  = "DEF-10" // each functionality an option enabled explicitly
	ReqNotifyUnused    = "DEF-11" // notify the user of enabled but unused options
	ReqStackProtection = "EP-1"   // each thread has access to its own stack only
	ReqThreadSeparate  = "EP-2"   // each thread has access to its own memory only
)

// Requirements maps each check to the requirements it evidences.
var Requirements = map[string][]string{
	CheckHardening:        {ReqSecureDefaults},
	CheckStackProtection:  {ReqStackProtection},
	CheckThreadSeparation: {ReqThreadSeparate},
	CheckDefaults:         {ReqRareOff, ReqExplicitOption},
	CheckUnused:           {ReqNotifyUnused},
	CheckHygiene:          {ReqExplicitOption},
}

// Titles of the checks.
var Titles = map[string]string{
	CheckHardening:        "the configuration meets the hardening profile; no experimental, deprecated or insecure option is on",
	CheckStackProtection:  "the configuration turns stack protection on (a passing hardening rule shows it)",
	CheckThreadSeparation: "the configuration turns thread separation on (a passing hardening rule shows it)",
	CheckDefaults:         "services, protocols and drivers are off by default",
	CheckUnused:           "every enabled option is used by the application",
	CheckHygiene:          "Kconfig files and sources name only options that exist and can be enabled",
}

// RuleDoc is the general meaning of a rule.
type RuleDoc struct {
	ID, Summary, Help string
}

// Rules lists the rules of each check.
var Rules = map[string][]RuleDoc{
	CheckHardening: {
		{RuleFailed, "A hardening rule of the profile fails for the configuration.",
			"Set the option to the recommended value in the configuration (prj.conf, defconfig), or accept the deviation with an exception that gives its justification and a security-reviewer as approver (kconfig.hardening.exceptions)."},
		{RuleMarker, "An enabled option selects or depends on a marker such as EXPERIMENTAL, DEPRECATED or NOT_SECURE.",
			"Disable the option, or accept it with an exception (kconfig.hardening.exceptions) that says why it is needed in this product."},
		{RuleInsecureDefault, "The tree's default value of an option fails a rule of the defaults profile (not secure by default).",
			"Change the option's default in its Kconfig file to the recommended value, or accept the deviation with an exception."},
		{RuleStaleException, "An exception accepts nothing: its symbol passes, is not applicable, or has no rule.",
			"Remove the exception, so it cannot silently accept a later regression."},
	},
	CheckStackProtection: {
		{RuleProtection, "No passing rule of the hardening profile shows a stack guard on (HW_STACK_PROTECTION, MPU_STACK_GUARD, STACK_CANARIES, ...).",
			"Enable a stack guard and keep a rule for it in the profile; on a platform without one, record that with an exception for one of its symbols (kconfig.hardening.exceptions)."},
	},
	CheckThreadSeparation: {
		{RuleProtection, "No passing rule of the hardening profile shows thread separation on (USERSPACE).",
			"Enable USERSPACE and keep a rule for it in the profile; on a platform without memory protection, record that with an exception for it (kconfig.hardening.exceptions)."},
	},
	CheckDefaults: {
		{RuleDefaultOn, "An option of a services, protocols or drivers area can be on by default, without the user asking for it.",
			"Remove the default (or make it n) so the user enables the option explicitly, or list the option as common with the reason (kconfig.default_off.common)."},
		{RuleStaleCommon, "An option listed as common is not on by default (or not in an area) any more.",
			"Remove it from kconfig.default_off.common."},
	},
	CheckUnused: {
		{RuleUnused, "An enabled option is not used by the application: none of the code it gates survives in the final image.",
			"Disable the option in the application's configuration, which removes the attack surface and the code; keep it only if it has an effect the build does not show."},
	},
	CheckHygiene: {
		{RuleUndefinedKconfig, "A Kconfig file references a symbol no Kconfig file defines.",
			"Define the symbol, correct the spelling, or remove the reference."},
		{RuleUndefinedSource, "A source or configuration file names CONFIG_X for an option no Kconfig file defines.",
			"Correct the name, remove the dead code or assignment, or allow the name with its reason (kconfig.lint.allow) when the build system defines it."},
		{RuleNeverEnabled, "An option can never be enabled: its dependencies can never be met, or nothing can set it.",
			"Fix the dependency (a removed or misspelt symbol), or remove the option and the code it gates."},
	},
}
