"""Limits that keep one hostile source from exhausting memory or time; each is reported when hit."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    """How much of any one source the build will read; a source over a limit is rejected, naming it."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_html_bytes: int = 8 * 1024 * 1024
    max_nesting: int = 400
    max_markdown_nesting: int = 100
    max_paragraph_chars: int = 30_000
    max_sentences: int = 3_000
    max_front_matter_chars: int = 20_000
    max_feed_entries: int = 2_000

    def exceeded(self, name: str, value: int, what: str) -> str:
        """The rejection reason for a source over one limit: what was found, the limit, how to raise it."""
        return (f"{what}: {value:,} (limit {getattr(self, name):,}; "
                f"raise it with --limit {name}=N if the file is genuine)")


DEFAULT_LIMITS = Limits()


def parse_limits(settings: list[str], base: Limits = DEFAULT_LIMITS) -> Limits:
    """Limits from NAME=N settings (the command line's --limit), over the defaults."""
    known = {f.name for f in fields(Limits)}
    changes: dict[str, int] = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        name = name.strip()
        if name not in known:
            raise ValueError(f"unknown limit {name!r}: choose one of {', '.join(sorted(known))}")
        try:
            number = int(value.replace("_", ""))
        except ValueError:
            raise ValueError(f"limit {name} needs a whole number, as in {name}=1000, not {value!r}") from None
        if number <= 0:
            raise ValueError(f"limit {name} must be positive, not {number}")
        changes[name] = number
    return replace(base, **changes)
