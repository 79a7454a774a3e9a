"""Settings for the load and fault scripts (benchmarks/surge.py, benchmarks/faults.py): the real settings, read
from the environment as in production, plus a URLconf that adds the minimal view /bench/ping/. Never deployed."""

from emulation.settings import *  # noqa: F403 - the production settings, unchanged but for the URLconf

ROOT_URLCONF = "emulation.bench_urls"
