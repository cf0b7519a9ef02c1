"""Which models derive from a helper class of the runtime, chosen by their shape, never their name.

- `ImageFile` (`.save(path)`, `.to_bytes()`, `.saved_path`; `templates/runtime/_images.py`): an
  object with a `b64_json` field of type string (optional or nullable too): an image as base64.
- `ImageSet` (`.save_all(folder)`): an object whose `data` field is a list of `ImageFile` models.

So the images API's `Image`, `ImagesResponse` and stream events get them, and so does any other
spec's model of the same shape, under whatever name. A model with a field that a helper's name
would clash with (a property called `save`) stays a plain `BaseModel`.
"""

from __future__ import annotations

import dataclasses

from .nodes import ListOf, Model, NamedType, Primitive, TypeExpr, UnionOf

# Each helper class: the runtime module that defines it, and the public names it adds to a model.
HELPERS: dict[str, tuple[str, frozenset[str]]] = {
    "ImageFile": ("_images", frozenset({"save", "to_bytes", "saved_path"})),
    "ImageSet": ("_images", frozenset({"save_all"})),
}


def with_helpers(models: tuple[Model, ...]) -> tuple[Model, ...]:
    """`models`, each with the helper classes its shape calls for (`Model.mixins`), in order."""
    images = {m.name for m in models if _carries_image(m) and _room_for("ImageFile", m)}
    chosen = []
    for model in models:
        mixins: tuple[str, ...] = ("ImageFile",) if model.name in images else ()
        if _lists_images(model, images) and _room_for("ImageSet", model):
            mixins += ("ImageSet",)
        chosen.append(dataclasses.replace(model, mixins=mixins) if mixins else model)
    return tuple(chosen)


def _carries_image(model: Model) -> bool:
    return model.kind == "object" and any(
        f.wire_name == f.py_name == "b64_json" and _plain(f.type) == Primitive("str") for f in model.fields
    )


def _lists_images(model: Model, images: set[str]) -> bool:
    def is_image_list(type_: TypeExpr | None) -> bool:
        return isinstance(type_, ListOf) and isinstance(type_.item, NamedType) and type_.item.name in images

    return model.kind == "object" and any(
        f.wire_name == f.py_name == "data" and is_image_list(_plain(f.type)) for f in model.fields
    )


def _room_for(helper: str, model: Model) -> bool:
    """Whether no field of `model` has a name the helper adds (it would hide the helper, or the field)."""
    return not any(f.py_name in HELPERS[helper][1] for f in model.fields)


def _plain(type_: TypeExpr) -> TypeExpr | None:
    """`type_` without a `None` member: what a value of it is when it is there."""
    if isinstance(type_, UnionOf):
        members = [m for m in type_.members if m != Primitive("None")]
        return members[0] if len(members) == 1 else None
    return type_
