"""`assert_valid(doc)`: a kosum JSON document checked against the schema its `"schema"` field
names (or `name`), every error listed with its path. Formats are checked too (`date`,
`date-time` where a checker is installed; the schemas' patterns check the date-times anyway)."""

from __future__ import annotations

from typing import Any


def validator(name: str, ref: str | None = None) -> Any:
    """A draft 2020-12 validator for format `name` (or for `ref`, a `#/$defs/...` pointer into
    it, resolved against the whole schema)."""
    import jsonschema

    from summarize.schemas import schema

    full = schema(name)
    target = {"$ref": f"{full['$id']}{ref}"} if ref else full
    registry = _registry(full)
    return jsonschema.Draft202012Validator(
        target,
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _registry(full: dict) -> Any:
    from referencing import Registry, Resource

    return Registry().with_resource(full["$id"], Resource.from_contents(full))


def assert_valid(doc: Any, name: str | None = None, ref: str | None = None) -> None:
    from summarize.schemas import name_of

    name = name or name_of(doc)
    assert name is not None, f"not a kosum document: schema={doc.get('schema')!r}"
    errors = sorted(validator(name, ref).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(document)'}: {e.message[:300]}"
        for e in errors[:20]
    )
