"""A local mock of a provider's gateway, served from its spec alone (`gatewaygen mock`).

Requests are checked against the spec's schemas and answered with its documented examples;
tasks advance through the provider's own statuses and end with a small MP4 served by the mock;
faults (429s, 5xx, slow answers, failed tasks, expiring URLs) can be injected to rehearse what a
real gateway does. For tests and benchmarks:

    from generator.mock import running

    with running("evolink", task_seconds=0.3) as base_url:
        ...  # point a client at base_url; GET {base_url}/_mock/stats tells what the mock saw
"""

from .app import MockGateway, sample_video
from .faults import MockOptions
from .gateway import Gateway, load_gateway
from .server import running, serving

__all__ = [
    "Gateway",
    "MockGateway",
    "MockOptions",
    "load_gateway",
    "running",
    "sample_video",
    "serving",
]
