"""gatewaygen: typed Python clients for AI video-generation gateways, generated from OpenAPI specs.

The pipeline, one folder a stage, driven by `pipeline`: `load/` (read and check a spec) ->
`model/` (the intermediate model, where every name is decided) -> `emit/` (pydantic models via
datamodel-code-generator, the client from Jinja2 templates) -> `write/` (prove, format, write
atomically). `commands/` holds what the command line offers around it (validate, diff, vendor,
run, tasks...), `mock/` the mock gateway and `runtime/` the code copied into every package.
"""

__version__ = "0.1.0"
