"""From a trainer's row to a scoring item: the text of a completion, and the per-row scorer,
reference and options (so one reward function serves a mixed math/code/vision dataset)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Dict, Optional, Tuple

Spec = Tuple[Optional[str], Dict[str, Any], Dict[str, Any]]


def completion_text(completion: Any) -> str:
    """The response text of a completion: a string as is; for a conversational completion (a list of
    messages) the last assistant message; content blocks are joined by their ``text`` parts."""
    if completion is None:
        return ""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        return _content_text(completion.get("content"))
    if isinstance(completion, (list, tuple)):
        for message in reversed(completion):
            if isinstance(message, Mapping) and message.get("role", "assistant") == "assistant":
                return _content_text(message.get("content"))
        return ""
    return str(completion)


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, Mapping) and block.get("type", "text") == "text":
                parts.append(str(block.get("text", "")))
        return "".join(parts)
    return str(content)


def prompt_text(prompt: Any) -> Optional[str]:
    """The prompt as text: a string, or the last user message of a conversation."""
    if prompt is None or isinstance(prompt, str):
        return prompt
    if isinstance(prompt, (list, tuple)):
        for message in reversed(prompt):
            if isinstance(message, Mapping) and message.get("role") == "user":
                return _content_text(message.get("content"))
    return completion_text(prompt)


def resolve(label: Any, scorer: Optional[str], options: Optional[Mapping[str, Any]] = None,
            reference_field: str = "answer") -> Spec:
    """(scorer, reference, options) of one row from its label.

    * a JSON object with ``scorer``, ``reference`` or ``options`` names them itself (a *reward spec*);
    * any other JSON object (or a string holding one) is the reference;
    * a plain value fills ``reference_field`` (``{"answer": "42"}``), numbers as their JSON text;
    * ``None`` is an empty reference.
    """
    opts: Dict[str, Any] = dict(options or {})
    value = _maybe_json_object(label)
    if isinstance(value, Mapping):
        if "scorer" in value or "reference" in value or "options" in value:
            scorer = value.get("scorer") or scorer
            reference = dict(_maybe_json_object(value.get("reference")) or {})
            opts.update(value.get("options") or {})
        else:
            reference = dict(value)
    elif value is None:
        reference = {}
    elif isinstance(value, bool):
        reference = {reference_field: json.dumps(value)}
    elif isinstance(value, (int, float)):
        reference = {reference_field: json.dumps(value)}
    else:
        reference = {reference_field: value}
    return scorer, normalize_reference(scorer, reference, opts), opts


def _maybe_json_object(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, dict) else value
    return value


def normalize_reference(scorer: Optional[str], reference: Dict[str, Any], options: Mapping[str, Any]) -> Dict[str, Any]:
    """Field names of common datasets mapped onto the scorer's: for ``code``, open-r1's
    ``test_cases`` become ``tests`` and a reference without ``language`` (verl's ``prime_code``,
    APPS) is Python unless the options name a language."""
    if scorer != "code":
        return reference
    out = dict(reference)
    if "test_cases" in out and "tests" not in out:
        out["tests"] = out.pop("test_cases")
    if "language" not in out and "language" not in options:
        out["language"] = "python"
    return out


def make_item(item_id: str, scorer: Optional[str], prompt: Optional[str], response: str,
              reference: Mapping[str, Any], options: Mapping[str, Any], group: Optional[str] = None) -> Dict[str, Any]:
    item: Dict[str, Any] = {"id": item_id, "response": response, "reference": dict(reference)}
    if scorer is not None:
        item["scorer"] = scorer
    if prompt is not None:
        item["prompt"] = prompt
    if options:
        item["options"] = dict(options)
    if group is not None:
        item["group"] = group
    return item
