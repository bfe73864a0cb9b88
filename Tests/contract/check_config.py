"""Refuses a Schemathesis config whose [[operations]] entry names more than one include filter.

Schemathesis joins an entry's include filters with OR: `include-path-regex` with `include-method = "POST"` selects
every POST operation, and the first entry that selects an operation decides its checks. That widened the checks
of unrelated operations once, so each entry names its operations with one filter (`include-name`, say).
"""

import sys
import tomllib

path = sys.argv[1]
with open(path, "rb") as handle:
    config = tomllib.load(handle)
bad = []
for index, entry in enumerate(config.get("operations", []), start=1):
    includes = sorted(key for key in entry if key.startswith("include-"))
    if len(includes) > 1:
        bad.append(f"[[operations]] entry {index} names {', '.join(includes)}: Schemathesis ORs them")
if bad:
    print(f"{path}:", *bad, sep="\n  ", file=sys.stderr)
    sys.exit(1)
