#!/usr/bin/env python3
"""Dump what Kconfiglib computes for a Kconfig tree, as JSON.

assure's Kconfig engine is checked against Kconfiglib, the reference
implementation: internal/kconfig/reference_test.go runs this script and
compares every symbol's type and value, every choice's mode and selection,
and the .config text. Kconfiglib itself is not part of assure: point
--kconfiglib at a directory holding kconfiglib.py (a checkout of
https://github.com/ulfalizer/Kconfiglib).

Usage (from the top of the tree, with the tree's environment set):

    kconfiglib-dump.py --kconfiglib DIR --out OUTDIR Kconfig [CONFIG ...]

For every CONFIG (a .config or defconfig; "-" or none: defaults only) it
writes OUTDIR/N.json and OUTDIR/N.config, N counting from 0, and
OUTDIR/tree.json with facts about the parse and its timing.
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kconfiglib", required=True, help="directory holding kconfiglib.py")
    ap.add_argument("--out", required=True, help="directory for the dumps")
    ap.add_argument("kconfig", help="root Kconfig file")
    ap.add_argument("configs", nargs="*", help='configurations to load ("-": defaults only)')
    args = ap.parse_args()

    sys.path.insert(0, args.kconfiglib)
    import kconfiglib as kl

    start = time.perf_counter()
    kconf = kl.Kconfig(args.kconfig, warn_to_stderr=False)
    parsed = time.perf_counter()
    for sym in kconf.unique_defined_syms:
        sym.str_value
    evaluated = time.perf_counter()

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "tree.json"), "w") as f:
        json.dump({
            "files": len(kconf.kconfig_filenames),
            "symbols": len(kconf.unique_defined_syms),
            "choices": len(kconf.unique_choices),
            "parse_seconds": parsed - start,
            "eval_seconds": evaluated - parsed,
            "warnings": kconf.warnings,
        }, f, indent=1, sort_keys=True)

    for i, cfg in enumerate(args.configs or ["-"]):
        kconf.warnings = []
        if cfg == "-":
            kconf.unset_values()
        else:
            kconf.load_config(cfg)
        dump = {"config": cfg, "symbols": [], "choices": []}
        for sym in kconf.unique_defined_syms:
            user = sym.user_value
            if user is not None and sym.orig_type in (kl.BOOL, kl.TRISTATE):
                user = kl.TRI_TO_STR[user]
            dump["symbols"].append({
                "name": sym.name,
                "type": kl.TYPE_TO_STR[sym.type],
                "orig_type": kl.TYPE_TO_STR[sym.orig_type],
                "value": sym.str_value,
                "tri": sym.tri_value,
                "visibility": sym.visibility,
                "assignable": list(sym.assignable),
                "config_string": sym.config_string,
                "user_value": user,
                "choice": sym.choice is not None,
                "help": [node.help for node in sym.nodes],
                "defined": ["{}:{}".format(n.filename, n.linenr) for n in sym.nodes],
            })
        for choice in kconf.unique_choices:
            node = choice.nodes[0]
            dump["choices"].append({
                "name": choice.name,
                "pos": "{}:{}".format(node.filename, node.linenr),
                "type": kl.TYPE_TO_STR[choice.type],
                "mode": choice.str_value,
                "visibility": choice.visibility,
                "selection": choice.selection.name if choice.selection else None,
                "syms": [s.name for s in choice.syms],
            })
        dump["missing"] = [list(m) for m in kconf.missing_syms]
        kconf.write_config(os.path.join(args.out, "{}.config".format(i)), save_old=False)
        dump["warnings"] = kconf.warnings
        with open(os.path.join(args.out, "{}.json".format(i)), "w") as f:
            json.dump(dump, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
