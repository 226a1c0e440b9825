"""How the models emitter calls datamodel-code-generator: the keyword arguments of `generate()`.

Kept apart from `models.py` and importing nothing of ours, so that the corpus benchmark's
"datamodel-code-generator alone" child (benchmarks/corpus_floor.py) calls the library exactly
as the emitter does without loading our pipeline: what it measures is the library, not us.
"""

from __future__ import annotations

import json
from typing import Any

from datamodel_code_generator import InputFileType, LiteralType, PythonVersion
from datamodel_code_generator.enums import DataModelType


def generate_arguments(header: str) -> dict[str, Any]:
    """The keyword arguments of `datamodel_code_generator.generate` for a provider's models
    (the input, a JSON OpenAPI document, is passed as its first argument)."""
    return {
        "input_file_type": InputFileType.OpenAPI,
        "output_model_type": DataModelType.PydanticV2BaseModel,
        "target_python_version": PythonVersion.PY_310,
        "custom_file_header": header,
        "disable_timestamp": True,
        "enum_field_as_literal": LiteralType.All,
        "use_annotated": True,
        "field_constraints": True,
        "use_standard_collections": True,
        "use_union_operator": True,
        "use_double_quotes": True,
        "use_schema_description": True,
        "use_field_description": True,
        "allow_population_by_field_name": True,
        # Keep URLs as the strings they were: AnyUrl would rewrite them when dumped. Emails
        # stay strings too: EmailStr needs a package the generated clients do not depend on.
        "type_mappings": ["string+uri=string", "string+email=string", "string+idn-email=string"],
        "formatters": [],
    }


def generate_input(document: dict[str, Any]) -> str:
    """The text `generate()` is given: the document of `models.models_document`, as JSON."""
    return json.dumps(document, ensure_ascii=False, sort_keys=False)
