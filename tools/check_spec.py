"""Quick check of a curated spec while writing it: OpenAPI validity and every example against its schema."""
import sys, json
from pathlib import Path
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

def main(path: str) -> int:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    bad = 0
    for err in OpenAPIV31SpecValidator(doc).iter_errors():
        print("SPEC", "/" + "/".join(map(str, err.absolute_path)), err.message[:300]); bad += 1
    registry = Registry().with_resource("urn:spec", Resource(contents=doc, specification=DRAFT202012))
    def check(schema, value, where, ex):
        v = Draft202012Validator({"$ref": "urn:spec#" + schema_ptr(schema)} if isinstance(schema, str) else schema, registry=registry)
        errs = list(v.iter_errors(value))
        defect = ex.get("x-example-defect")
        if errs and not defect:
            for e in errs: print("EXAMPLE", where, "/".join(map(str, e.absolute_path)), e.message[:200])
            return 1
        if defect and not errs:
            print("EXAMPLE", where, "is marked x-example-defect but is valid"); return 1
        print("ok", where, "(defect, fails as expected)" if defect else "")
        return 0
    def schema_ptr(s): return s
    n = 0
    for p, item in doc.get("paths", {}).items():
        for m, op in item.items():
            if m not in ("get", "post", "put", "patch", "delete"): continue
            base = f"/paths/{p.replace('~','~0').replace('/','~1')}/{m}"
            for i, prm in enumerate(op.get("parameters", [])):
                for k, ex in (prm.get("examples") or {}).items():
                    n += 1; bad += check(f"{base}/parameters/{i}/schema", ex["value"], f"{op['operationId']} param {prm['name']} {k}", ex)
            rb = op.get("requestBody", {}).get("content", {}).get("application/json")
            if rb:
                for k, ex in (rb.get("examples") or {}).items():
                    n += 1; bad += check(f"{base}/requestBody/content/application~1json/schema", ex["value"], f"{op['operationId']} request {k}", ex)
            for code, resp in op.get("responses", {}).items():
                c = resp.get("content", {}).get("application/json")
                if c:
                    for k, ex in (c.get("examples") or {}).items():
                        n += 1; bad += check(f"{base}/responses/{code}/content/application~1json/schema", ex["value"], f"{op['operationId']} {code} {k}", ex)
    print(f"{n} examples, {bad} problems")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
