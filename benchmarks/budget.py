"""Time the vectorised budget engine against the plain per-row loop, in the same run.

Run: ``.venv/bin/python benchmarks/budget.py [N]`` (default 10,000 mobilities).
Both engines get the same random mobilities (distances given, so no city look-up)
and must agree to the cent; each is timed best of 3.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

import pandas as pd

from course_lib.erasmus.budget import Mobility, estimate, estimate_loop
from course_lib.erasmus.rates import load_rates


def random_mobilities(n: int, seed: int = 2021) -> list[Mobility]:
    """``n`` valid mobilities with a realistic mix of roles, lengths and destinations."""
    rng = random.Random(seed)
    countries = [c for codes in load_rates(2021).country_groups.values() for c in codes]
    items = []
    for i in range(n):
        role = rng.choices(["learner", "staff", "accompanying"], weights=[7, 2, 1])[0]
        length = rng.choice([5, 14, 28, 45, 60, 120, 200]) if role == "learner" \
            else rng.randint(2, 30)
        start = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        items.append(Mobility(
            participant_id=f"P{i:05d}", role=role, destination_country=rng.choice(countries),
            start=start, end=start + timedelta(days=length - 1),
            distance_km=round(rng.uniform(0, 9000), 1),
            travel_days=rng.choice([None, 1, 2, 3, 4, 6, 8]),
            green_travel=rng.random() < 0.3,
            fewer_opportunities=role != "accompanying" and rng.random() < 0.2,
        ))
    return items


def best_of(runs: int, function, *args) -> tuple[float, object]:
    """Fastest wall time of ``runs`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


def main(n: int = 10_000) -> None:
    mobilities = random_mobilities(n)
    rates = load_rates(2021)
    frame = pd.DataFrame([m.__dict__ for m in mobilities])
    vector_time, vector = best_of(3, estimate, mobilities, rates)
    frame_time, from_frame = best_of(3, estimate, frame, rates)
    loop_time, loop = best_of(3, estimate_loop, mobilities, rates)
    assert vector.totals == loop.totals == from_frame.totals, (vector.totals, loop.totals)
    print(f"{n:,} mobilities, call-{rates.call_year} rates, best of 3")
    print(f"  vectorised, list of Mobility (estimate): {vector_time * 1000:8.1f} ms")
    print(f"  vectorised, DataFrame input (estimate):  {frame_time * 1000:8.1f} ms")
    print(f"  per-row loop (estimate_loop):            {loop_time * 1000:8.1f} ms")
    print(f"  ratio loop / vectorised (same list):     {loop_time / vector_time:8.1f}x")
    print(f"  project total: {vector.totals['total']:,.2f} {vector.currency}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
