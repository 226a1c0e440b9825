"""`gatewaygen mock PROVIDER`: serve a provider's mock gateway until Ctrl-C."""

from __future__ import annotations

import argparse
import sys

from ..problems import SpecError
from .app import MockGateway
from .faults import MockOptions
from .gateway import load_gateway
from .server import Server, config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(args: argparse.Namespace) -> int:
    try:
        options = MockOptions(
            task_seconds=args.task_seconds,
            rate_limit=args.rate_limit,
            server_errors=args.server_errors,
            slow=args.slow,
            slow_share=args.slow_share,
            fail_tasks=args.fail_tasks,
            url_ttl=args.url_ttl,
            seed=args.seed,
            api_key=args.api_key,
            callbacks=args.callbacks,
        )
        if not 0 <= args.port <= 65535:
            raise ValueError(
                f"--port must be from 0 to 65535 (0 picks a free one), got {args.port}"
            )
        gateway = load_gateway(args.provider, args.specs_dir)
    except SpecError as exc:
        print(f"gatewaygen mock: {exc.counted} in the spec:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(f"gatewaygen mock: {exc}", file=sys.stderr)
        return EXIT_USAGE
    mock = MockGateway(gateway, options)

    def announce(url: str) -> None:
        print(f"mock {gateway.name} gateway: {url}", flush=True)

    server = Server(config(mock, args.host, args.port), announce)
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down and passes the signal on
        return EXIT_OK
    except SystemExit:  # uvicorn could not listen, and has logged why
        print(f"gatewaygen mock: cannot listen on {args.host}:{args.port}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
