"""Arbiter's Python client and trainer drop-ins (TRL, verl, OpenRLHF). Standard library only."""

from ._core import ArbiterError, ArbiterMaskedError, Limits, Result, ScoreResponse
from .aio import AsyncArbiterClient
from .client import ArbiterClient
from .coalesce import AsyncCoalescer, ThreadCoalescer
from .items import completion_text, resolve

__all__ = [
    "ArbiterClient",
    "AsyncArbiterClient",
    "AsyncCoalescer",
    "ThreadCoalescer",
    "ArbiterError",
    "ArbiterMaskedError",
    "Limits",
    "Result",
    "ScoreResponse",
    "completion_text",
    "resolve",
]

__version__ = "0.1.0"
