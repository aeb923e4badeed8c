"""kosum's own errors: one base class, `KosumError`, so a caller can catch everything kosum
raises for its own reasons with one clause and tell it from a bug or a library's error.

Each error is also a subclass of the builtin it used to be (`ModelLoadError` is a `RuntimeError`,
`SettingsError` a `ValueError`), so existing `except RuntimeError` / `except ValueError` clauses
keep working. Every message is one line.

- `InputError` (in `summarize.types`): an input that cannot be read as an article;
- `ModelLoadError` (`RuntimeError`): a checkpoint that cannot be found or loaded;
- `HubError` (`RuntimeError`): a download or cache problem (`kosum models pull`);
- `SettingsError` (`ValueError`): a setting kosum cannot use (an unknown generation setting,
  seq2seq without a checkpoint, an unknown device, an input not fitted to the model);
- `MissingExtraError` (`RuntimeError`): a feature whose optional dependency is not installed;
- `TrainingError` (`RuntimeError`): a training run that cannot start as asked.
"""

from __future__ import annotations

__all__ = [
    "HubError",
    "KosumError",
    "MissingExtraError",
    "ModelLoadError",
    "SettingsError",
    "TrainingError",
]


class KosumError(Exception):
    """Base class of the errors kosum raises for its own reasons. The message is one line."""


class ModelLoadError(KosumError, RuntimeError):
    """A checkpoint that cannot be loaded (missing, not seq2seq, not downloadable). One line."""


class HubError(KosumError, RuntimeError):
    """A download or cache problem; the message is one line."""


class SettingsError(KosumError, ValueError):
    """A setting kosum cannot use: an unknown generation setting, seq2seq asked for without a
    checkpoint, an input not fitted to the model."""


class MissingExtraError(KosumError, RuntimeError):
    """A feature that needs an optional dependency which is not installed; the message names the
    extra that installs it (`pip install 'kosum[embeddings]'`)."""


class TrainingError(KosumError, RuntimeError):
    """A training run that cannot start as asked (output directory, resume, limits, missing
    extra)."""
