#!/usr/bin/env bash
# kconfig-nuttx-tree.sh — prepare an Apache NuttX tree for the Kconfig
# engine's comparison with Kconfiglib and for its benchmarks.
#
# usage: scripts/kconfig-nuttx-tree.sh NUTTX DIR
#
#   NUTTX  a clone of https://github.com/apache/nuttx (work tree or bare)
#   DIR    where to put the tree (created; its Kconfig files and defconfigs
#          only, about 11 MB)
#
# NuttX's build generates a few files before it runs kconfig: it copies the
# chosen chip's and board's Kconfig to arch/dummy and boards/dummy, links
# the board's drivers to drivers/platform, and points $APPSDIR at the apps
# tree and $EXTERNALDIR at dummy/ (tools/Unix.mk). This does the same with
# empty stand-ins (the apps tree is not part of NuttX), so both tools read
# the same 865 files. It prints the environment to use:
#
#   eval "$(scripts/kconfig-nuttx-tree.sh ~/src/nuttx /tmp/nuttx)"
set -euo pipefail

die() { echo "kconfig-nuttx-tree: $*" >&2; exit 2; }
[[ $# -eq 2 ]] || die "usage: $0 NUTTX DIR"
src=$1 dir=$2
gitdir=$(git -C "$src" rev-parse --git-dir 2>/dev/null) || die "$src is not a git repository"
case "$gitdir" in /*) ;; *) gitdir="$src/$gitdir" ;; esac

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Only the Kconfig files and defconfigs, checked out through a private
# index (mirrors may lack large binary blobs; the repository is not touched).
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE=$index git --git-dir="$gitdir" read-tree HEAD
git --git-dir="$gitdir" ls-tree -r --name-only HEAD |
	grep -E '(^|/)(Kconfig[^/]*|defconfig)$' |
	GIT_INDEX_FILE=$index git --git-dir="$gitdir" --work-tree="$dir" checkout-index -f --stdin

mkdir -p "$dir/arch/dummy" "$dir/boards/dummy" "$dir/drivers/platform" "$dir/.apps"
: >"$dir/arch/dummy/Kconfig"
: >"$dir/boards/dummy/Kconfig"
: >"$dir/drivers/platform/Kconfig"
: >"$dir/.apps/Kconfig"
[[ -f "$dir/dummy/Kconfig" ]] || die "$dir/dummy/Kconfig missing: is $src a NuttX tree?"

echo "export ASSURE_KCONFIG_TREE='$dir'"
echo "export ASSURE_KCONFIG_ENV='APPSDIR=$dir/.apps APPSBINDIR=$dir/.apps BINDIR=$dir EXTERNALDIR=dummy'"
