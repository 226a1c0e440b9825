"""Stage 4: the files of one provider's package, as text. Nothing here touches the disk."""

from __future__ import annotations

import json
import pprint
import textwrap
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__
from ..model.ir import Operation, Provider
from ..problems import Problem, SpecError
from . import escape
from .escape import Escaped, UnsafeValue
from .model_modules import model_files
from .models import render_models
from .precompiled import template_loader


def header(provider: Provider) -> Escaped:
    """The first line of every generated file (a comment: the spec's file name is escaped)."""
    return escape.comment(f"# {header_text(provider)}")


def header_text(provider: Provider) -> Escaped:
    """What the header says, for Markdown's `<!-- -->`."""
    return escape.comment(f"generated from {provider.spec_file} by gatewaygen, do not edit")


def render_package(provider: Provider) -> dict[str, bytes]:
    """Every file of the package, by path relative to the package's folder.

    `SpecError` when a value from the spec cannot be written safely where it belongs.
    """
    env = _environment()
    context = {
        "provider": provider,
        "header": header(provider),
        "header_text": header_text(provider),
        "version": escape.token(__version__),
    }
    pkg = provider.package
    try:
        files = {
            "README.md": env.get_template("README.md.jinja").render(context),
            f"{pkg}/__init__.py": env.get_template("__init__.py.jinja").render(context),
            f"{pkg}/_client.py": env.get_template("_client.py.jinja").render(context),
            f"{pkg}/py.typed": "",
        }
        if provider.namespaces:
            groups = env.get_template("resources__init__.py.jinja")
            files[f"{pkg}/resources/__init__.py"] = groups.render(context)
            group = env.get_template("_resource.py.jinja")
            for space in provider.namespaces:
                text = group.render({**context, "space": space})
                files[f"{pkg}/resources/{space.module}.py"] = text
        models = model_files(render_models(provider, header(provider)), header(provider))
        files.update({f"{pkg}/{path}": text for path, text in models.items()})
    except UnsafeValue as exc:
        raise SpecError(
            [
                Problem(
                    provider.spec_file,
                    "",
                    f"a value cannot be written into the package: {exc}",
                    "write it as plain JSON (strings, numbers, true/false, null, lists, "
                    "mappings with string keys)",
                    rule="escape",
                )
            ]
        ) from exc
    out = {path: text.encode("utf-8") for path, text in files.items()}
    runtime = resources.files("generator") / "runtime"
    for source in sorted(runtime.iterdir(), key=lambda item: item.name):
        if source.name.endswith(".py"):  # copied unchanged: the core is tested as it stands
            out[f"{pkg}/_runtime/{source.name}"] = source.read_bytes()
    return out


def render_pyproject(provider: Provider, version: str) -> bytes:
    """The package's pyproject.toml, which carries its version."""
    context = {
        "provider": provider,
        "header": header(provider),
        "package_version": escape.token(version),
    }
    return _environment().get_template("pyproject.toml.jinja").render(context).encode("utf-8")


def render_version_file(provider: Provider, version: str) -> bytes:
    """`<package>/_version.py`: the version, kept apart so a release touches only this file
    and pyproject.toml."""
    return f'{header(provider)}\n__version__ = "{escape.token(version)}"\n'.encode()


def _only_escaped(value: Any) -> Any:
    """Jinja's `finalize`: what a template prints must have been through `generator.escape`
    (or be a number). Template text and macro output are `Markup` already."""
    if isinstance(value, Markup) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise UnsafeValue(
        f"a template printed {type(value).__name__} {value!r:.60} without an escaping filter"
    )


@cache
def _environment() -> jinja2.Environment:
    return build_environment(template_loader())


def build_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """The environment every template renders in (and is compiled in: see `precompiled`)."""
    # Autoescaping makes macro output and template constants `Markup`; `_only_escaped` then
    # refuses every other value, so a template cannot print spec text by mistake.
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        finalize=_only_escaped,
    )
    env.filters.update(
        py=escape.python_literal,
        name=escape.identifier,
        token=escape.token,
        annotation=escape.annotation,
        doc=escape.docstring_text,
        md=escape.markdown,
        code=escape.markdown_code,
        toml=escape.toml_string,
        docstring=docstring,
        wait_docstring=wait_docstring,
        call_example=call_example,
        json=_json_text,
    )
    return env


def _json_text(value: Any) -> str:
    """A value as JSON text (to be escaped for where it goes by the next filter)."""
    return json.dumps(value, ensure_ascii=False)


#: The media type each body encoding sends when the operation names none.
_USUAL_MEDIA = {
    "json": "application/json",
    "multipart": "multipart/form-data",
    "form": "application/x-www-form-urlencoded",
    "binary": "application/octet-stream",
    "text": "text/plain",
}


def docstring(operation: Operation, indent: int = 8) -> Escaped:
    """The method's docstring: summary, description, and an Args block from the spec."""
    parts = [operation.summary or operation.operation_id]
    if operation.description:
        parts += ["", *textwrap.wrap(operation.description, 88)]
    parts += ["", f"`{operation.http_method} {operation.path}`"]
    if operation.other_media_types:
        sent = operation.body_content_type or _USUAL_MEDIA[operation.body_encoding]
        others = ", ".join(f"`{media}`" for media in operation.other_media_types)
        parts += textwrap.wrap(f"The body is sent as `{sent}`; the API also takes {others}.", 88)
    parts += ["", "Args:"]
    for param in operation.parameters:
        text = param.description or f"the `{param.json_name}` {param.location} field."
        if param.name != param.json_name and param.location != "content":
            text = f"(sent as `{param.json_name}`) {text}"
        parts += textwrap.wrap(
            f"{param.name}: {text}", 88, initial_indent="    ", subsequent_indent="        "
        )
    parts += _wrapped(_options_text(operation, operation.options), "    ", "        ")
    if operation.paid_task:
        key = (
            f" Setting `{operation.idempotency_argument}` (an idempotency key) lets the client"
            " retry it safely."
            if operation.idempotency_key
            else ""
        )
        parts += [
            "",
            *textwrap.wrap(
                "Creates a paid task: a failure that leaves unknown whether the gateway took the"
                " request raises `SubmissionUncertainError` instead of sending it again." + key,
                88,
            ),
        ]
    parts += ["", "Returns:", *_wrapped(_returns_text(operation), "    ", "    ")]
    return _docstring(parts, indent)


_RETURNS = {
    "model": "The parsed `{model}` response.",
    "root": "The response body, parsed (as the `{model}` model reads it).",
    "none": "None: the response has no body.",
    "text": "The response body as text.",
    "binary": (
        "A `BinaryResponse` (`AsyncBinaryResponse` from `AsyncClient`) that streams the body:"
        " `.write_to(path)`, `.iter_bytes()`, `.read()`; use it as a context manager, or"
        " `.close()` it."
    ),
    "events": (
        "An `EventStream` (`AsyncEventStream` from `AsyncClient`) of the server-sent events, each"
        " read as it arrives: iterate it for `ServerSentEvent`s (`.event`, `.data`, `.json()`);"
        " use it as a context manager, or `.close()` it if you stop early."
    ),
}


def _returns_text(operation: Operation) -> str:
    """What the method returns, for the docstring: each success response's kind, once."""
    texts = [
        (f"{r.status}: " if len(operation.success_responses) > 1 else "")
        + _RETURNS[r.kind].format(model=r.class_name)
        for r in operation.success_responses
    ]
    return " ".join(texts)


def wait_docstring(operation: Operation, indent: int = 8) -> Escaped:
    """The docstring of `<create>_and_wait`."""
    task = operation.task
    assert task is not None
    o = operation.wait_options
    parts = [
        f"`{operation.method_name}`, then wait for the task with `{task.poll_method}` until it"
        " ends.",
        "",
        *textwrap.wrap(
            f"Takes the arguments of `{operation.method_name}`. Returns the `TaskResult` of a"
            " succeeded task (`.video_url`, `.download(path)`). Raises `TaskFailedError` (with"
            f" the gateway's reason) if it fails and `TaskTimeoutError` after `{o['max_wait']}`"
            f" seconds (default 30 minutes); polls start `{o['poll_interval']}` seconds apart"
            f" and grow to 30 s. `{o['on_progress']}` gets a `TaskProgress` after every poll."
            " Every error names the task id, and the id is logged as soon as the task exists.",
            88,
        ),
        "",
        *_wrapped(_options_text(operation, o), "", "    "),
    ]
    return _docstring(parts, indent)


def _options_text(operation: Operation, names: dict[str, str]) -> str:
    """What the per-call options do, under the names they have in this method."""
    extras = [names["extra_headers"], names["extra_query"]]
    if operation.takes_extra_body:
        extras.append(names["extra_body"])
    fields = " or body fields" if operation.takes_extra_body else ""
    text = (
        f"{', '.join(extras)}: headers, query parameters{fields} to send beyond the documented"
        " ones"
        " (not validated; one that repeats an argument is refused)."
        f" {names['timeout']}: the HTTP timeout of each request in seconds (or an"
        " httpx.Timeout; None for none), instead of the client's."
    )
    renamed = [f"`{n}`" for o, n in names.items() if o != n]
    if renamed:
        text += (
            f" {', '.join(renamed)} end{'s' if len(renamed) == 1 else ''} with an underscore"
            " because the documentation uses the plain name for a field."
        )
    return text


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, 88, initial_indent=first, subsequent_indent=rest)


def _docstring(parts: list[str], indent: int) -> Escaped:
    pad = " " * indent
    body = "\n".join((pad + line) if line else "" for line in parts)
    return Escaped(f'"""{escape.docstring_text(body.lstrip())}\n{pad}"""')


def call_example(operation: Operation, value: Any, indent: int = 4) -> Escaped:
    """Keyword arguments that send `value` (a documented request body) with this operation;
    fields that are not arguments go in the per-call `extra_body` option (`extra_body_` where
    the documentation has a field of that name)."""
    names = operation.body_argument_names
    pad = " " * indent
    lines = []
    extra = {}
    for key, item in (value if isinstance(value, dict) else {}).items():
        if key not in names:
            extra[key] = item
            continue
        lines.append(f"{pad}{escape.identifier(names[key])}={_literal(item, indent)},")
    if extra:
        option = escape.identifier(operation.options["extra_body"])
        lines.append(f"{pad}{option}={_literal(extra, indent)},")
    return Escaped("\n".join(lines))


def _literal(value: Any, indent: int) -> str:
    """`value` as a Python literal wrapped to fit the README's code blocks."""
    escape.python_literal(value)  # refuses what is not a JSON value
    text = pprint.pformat(value, width=88 - indent, sort_dicts=False)
    return text.replace("\n", "\n" + " " * indent)
