"""Print the mutation score per package from mutmut's results (run by ``make mutate``).

A mutant is killed when a test fails on it; the score is killed / (killed + survived).
Survivors are listed so that each can be killed by a test or listed as equivalent, with the
reason, in tests/MUTANTS.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> None:
    done = subprocess.run([str(BIN / "mutmut"), "results", "--all", "true"],
                          capture_output=True, text=True)
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        package = ".".join(name.split(".")[:3])
        counts[package][status] += 1
        if status == "survived":
            survivors.append(name)
    print(f"{'package':40} {'killed':>7} {'survived':>9} {'score':>7}")
    for package, c in sorted(counts.items()):
        judged = c["killed"] + c["survived"]
        score = f"{100 * c['killed'] / judged:.0f} %" if judged else "-"
        print(f"{package:40} {c['killed']:7} {c['survived']:9} {score:>7}")
    print(f"\n{len(survivors)} survivors (mutmut show NAME):")
    for name in survivors:
        print(f"  {name}")


if __name__ == "__main__":
    main()
