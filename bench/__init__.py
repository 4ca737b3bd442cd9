"""Benchmark harness: a seeded synthetic-org generator and a runner that times okrsite's phases."""
