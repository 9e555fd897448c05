"""Print the mutation score per file from mutmut's results (run by ``make mutate``).

A mutant is killed when a fast test fails on it. The score counts every mutant that was run:
killed / (killed + survived + no tests + timeout), so code that no fast test reaches counts
against it ("no tests": only slow tests, which mutmut does not run, call the function).
Mutants not yet checked are counted apart. Survivors are listed so that each can be killed by
a test or listed as equivalent, with the reason, in tests/MUTANTS.md.

Run: ``.venv/bin/python benchmarks/mutation_score.py [--survivors]``
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent
AGAINST = ("survived", "no tests", "timeout", "suspicious")
# the goals: at least 90 % killed in the quiz, grading and exercise checks, 80 % elsewhere
AREAS = [("quiz", ("course_lib.quiz.", "course_lib.lessons.plain_answers"), 90),
         ("grading", ("course_lib.grading.",), 90),
         ("exercise checks", ("course_lib.lessons.checks.",), 90),
         ("Erasmus+ domain", ("course_lib.erasmus.",), 80),
         ("CLI", ("course_lib.cli.",), 80)]


def area_of(path: str) -> tuple[str, int]:
    """The goal area of a mutated file, and its goal in %.

    >>> area_of("course_lib.lessons.checks.c2")
    ('exercise checks', 90)
    """
    for name, prefixes, goal in AREAS:
        if path.startswith(prefixes):
            return name, goal
    return "other", 80


def source_file(mutant: str) -> str:
    """``course_lib.quiz.questions.xǁQuestionǁcheck__mutmut_1`` -> ``course_lib.quiz.questions``"""
    return re.sub(r"\.(x_|xǁ).*$", "", mutant)


def main(argv: list[str]) -> None:
    done = subprocess.run([str(BIN / "mutmut"), "results", "--all", "true"],
                          capture_output=True, text=True, check=False)
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        counts[source_file(name)][status] += 1
        if status in AGAINST:
            survivors.append(f"{name}: {status}")
    print(f"{'file':45} {'killed':>7} {'not killed':>10} {'score':>7} {'not run':>8}")
    total = Counter()
    for path, c in sorted(counts.items()):
        against = sum(c[s] for s in AGAINST)
        judged = c["killed"] + against
        score = f"{100 * c['killed'] / judged:.0f} %" if judged else "-"
        print(f"{path:45} {c['killed']:7} {against:10} {score:>7} {c['not checked']:8}")
        total.update({"killed": c["killed"], "against": against, "not run": c["not checked"]})
    judged = total["killed"] + total["against"]
    if judged:
        print(f"{'all':45} {total['killed']:7} {total['against']:10} "
              f"{100 * total['killed'] / judged:6.0f} % {total['not run']:8}")
    by_area: dict[tuple[str, int], Counter] = defaultdict(Counter)
    for path, c in counts.items():
        by_area[area_of(path)].update({"killed": c["killed"],
                                        "against": sum(c[s] for s in AGAINST),
                                        "not run": c["not checked"]})
    print(f"\n{'area':20} {'killed':>7} {'not killed':>10} {'score':>7} {'goal':>6} {'not run':>8}")
    for (name, goal), c in sorted(by_area.items()):
        judged = c["killed"] + c["against"]
        score = 100 * c["killed"] / judged if judged else 0.0
        verdict = "ok" if judged and score >= goal else "MISS"
        print(f"{name:20} {c['killed']:7} {c['against']:10} {score:6.1f} % {goal:4} % "
              f"{c['not run']:8}  {verdict}")
    if "--survivors" in argv:
        print(f"\n{len(survivors)} not killed (mutmut show NAME):")
        for line in survivors:
            print(f"  {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
