"""Stage 3, emit: the package's source text: models (datamodel-code-generator) and templates."""
