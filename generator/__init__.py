"""gatewaygen: typed Python clients for AI video-generation gateways, generated from curated specs.

The pipeline, one module a stage: `loader` (read and validate a spec) -> `ir` (the intermediate
model, where every name is decided) -> `models` (pydantic models via datamodel-code-generator)
-> `render` (Jinja2 templates) -> `writer` (format, then write atomically).
"""

__version__ = "0.1.0"
