// Package defaultoff checks that less commonly used services are off by
// default (Secure Coding: "features or services shall not be enabled by
// default if they are only rarely used … each functionality and module
// shall be represented as a configuration option and needs to be
// explicitly enabled"). In the parts of a Kconfig tree the model marks as
// services, protocols or drivers — by Kconfig file or by menu — every
// option a user can set whose default can be y without anybody asking for
// it is a finding, unless the model lists it as common, with the reason.
//
// "Without anybody asking" means a default: a select or an imply is a
// request made by another option, which is judged on its own. Options
// without a prompt are derived values (capabilities, helpers), not
// services a user enables, and choice members follow their choice, so
// neither is judged.
package defaultoff
