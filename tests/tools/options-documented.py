#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""options-documented.py SOURCE HELP MANPAGE: every long option of the
getopt_long() table in SOURCE is named in the --help output saved in HELP
and in MANPAGE (roff, where "\\-" is a hyphen).  Prints each one missing
and exits 1 if any is; prints the number of options checked."""
import re
import sys


def main():
    src, helpf, man = sys.argv[1:4]
    opts = re.findall(r'\{\s*"([a-z][a-z0-9-]*)",\s*(?:no|required|optional)_argument',
                      open(src).read())
    if not opts:
        sys.exit("%s: no getopt_long() table found" % src)
    helptext = open(helpf).read()
    mantext = open(man).read().replace('\\-', '-')
    missing = 0
    for o in opts:
        pat = r'--' + re.escape(o) + r'(?![a-z0-9-])'
        for what, text in (("--help", helptext), (man, mantext)):
            if not re.search(pat, text):
                print("%s does not name --%s" % (what, o))
                missing += 1
    print("%d options" % len(opts))
    sys.exit(1 if missing else 0)


main()
