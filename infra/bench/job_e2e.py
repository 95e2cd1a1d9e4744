#!/usr/bin/env python3
"""A job end to end on the local stack, split by stage: starts DynamoDB Local and moto on the
bench ports and runs the `job_e2e` bench (the dev server in-process, a 25-page fixture site
with 50 ms per response, the median of 10 jobs after 3 warm-up jobs).

    python3 infra/bench/job_e2e.py            # RUNS=10 WARMUP=3 PAGES=24 LATENCY_MS=50
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack  # noqa: E402


def main():
    with stack.Emulators() as emulators:
        print(stack.cargo_bench("job_e2e", dict(emulators.env, RUST_LOG="warn")), end="")


if __name__ == "__main__":
    main()
