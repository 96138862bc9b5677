"""Benchmarks at ministry scale: generator, load generator, runner, baselines.

`make bench` runs `python -m bench.run`; BENCHMARKS.md records the method and the numbers.
Nothing here is imported by the portal itself; the baseline views are mounted only by
`electionspro.settings.bench`.
"""
