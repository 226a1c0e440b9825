"""The templates, compiled to Python ahead of time, so that `generate` does not compile them.

Jinja turns a template into Python source before it can render it; for our templates that takes
a quarter of a second, on every run, for a small spec a tenth of the whole command. The
compiled modules are kept in `compiled_templates/` (committed, like `generated/`, and never
edited by hand): `python -m generator.emit.precompiled` writes them.

They are used only while they are fresh: `compiled_templates/__init__.py` records a key made
of Jinja's version and every template's bytes. When a template was edited, or another Jinja
version is installed, the key differs and the templates are compiled from source as before:
slower, never wrong. `tests/test_precompiled.py` fails until the modules are written again.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

import jinja2

#: Where the compiled modules live, beside this file.
FOLDER = Path(__file__).with_name("compiled_templates")


def template_names() -> list[str]:
    """Every template file, in name order."""
    folder = resources.files("generator.emit") / "templates"
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".jinja"))


def source_key() -> str:
    """What the compiled modules must have been made from: Jinja's version (its compiled code
    calls into its own runtime) and every template's name and bytes."""
    folder = resources.files("generator.emit") / "templates"
    digest = hashlib.sha256(f"jinja2 {jinja2.__version__}\n".encode())
    for name in template_names():
        data = (folder / name).read_bytes()
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def recorded_key() -> str | None:
    """The key the committed modules were compiled under (None: there are none)."""
    marker = FOLDER / "__init__.py"
    try:
        text = marker.read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("SOURCE_KEY = "):
            return line.split("=", 1)[1].strip().strip('"')
    return None


def template_loader() -> jinja2.BaseLoader:
    """The compiled modules while they are fresh; else the template sources."""
    if recorded_key() == source_key():
        return jinja2.ModuleLoader(str(FOLDER))
    return jinja2.PackageLoader("generator.emit", "templates")


def write_compiled(folder: Path = FOLDER) -> None:
    """Compile every template into `folder`, replacing what is there."""
    from .render import build_environment  # the same options `generate` renders with

    environment = build_environment(jinja2.PackageLoader("generator.emit", "templates"))
    with tempfile.TemporaryDirectory(prefix="compiled-templates-", dir=folder.parent) as scratch:
        staged = Path(scratch) / folder.name
        staged.mkdir()
        environment.compile_templates(
            str(staged),
            filter_func=lambda name: name.endswith(".jinja"),
            zip=None,
            ignore_errors=False,
        )
        (staged / "__init__.py").write_text(
            '"""Written by `python -m generator.emit.precompiled` from generator/emit/templates/;\n'
            'do not edit. Each tmpl_<sha1 of the template name>.py is one compiled template."""\n'
            "\n"
            f'SOURCE_KEY = "{source_key()}"\n',
            encoding="utf-8",
        )
        if folder.exists():
            shutil.rmtree(folder)
        staged.rename(folder)


def main() -> int:
    write_compiled()
    print(f"compiled {len(template_names())} templates into {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
