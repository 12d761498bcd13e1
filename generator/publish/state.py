"""Permalinks and what changed: pin each published story to its id, and record what a rebuild added."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..models import Article, Story
from .labels import outlet_label

STATE_SCHEMA = "news-digest-state/1"


class StateError(ValueError):
    """The state file exists but cannot be used."""


@dataclass(frozen=True)
class StoryChange:
    """What the latest regeneration did to one story, for its page and the home page."""

    status: str  # "first" (no earlier build), "new", "updated" or "unchanged"
    generation: int  # the digest's latest regeneration
    changed_in: int  # the regeneration that last added something to this story
    outlets: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pinned:
    """The stories under their pinned ids, what changed, the old ids now merged into others, the new state."""

    stories: tuple[Story, ...]
    changes: dict[str, StoryChange]
    moved: dict[str, str]
    state: dict[str, Any]


def apply_state(stories: Sequence[Story], articles: Sequence[Article], path: Path) -> Pinned:
    """Pin the stories to the ids recorded in the state file at `path` (the file is not written here)."""
    return pin_stories(stories, article_labels(articles), load_state(path))


def load_state(path: Path) -> dict[str, Any]:
    """The state recorded by the last build, or an empty one when the file does not exist yet."""
    if not path.exists():
        return {"schema": STATE_SCHEMA, "generation": 0, "stories": {}, "moved": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StateError(f"cannot read the state file {path}: {error}; fix it or delete it "
                         "(deleting it lets story URLs change on the next build)") from error
    if not isinstance(data, dict) or data.get("schema") != STATE_SCHEMA or not isinstance(data.get("stories"), dict):
        raise StateError(f"{path} is not a {STATE_SCHEMA} state file; delete it or give another --state path")
    data.setdefault("moved", {})
    data.setdefault("generation", 0)
    return data


def save_state(path: Path, state: Mapping[str, Any]) -> None:
    """Write the state deterministically (sorted keys), replacing the file only once it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.new")
    staging.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    staging.replace(path)


def pin_stories(stories: Sequence[Story], labels: Mapping[str, str], previous: Mapping[str, Any]) -> Pinned:
    """Give each story the id it was published under (matched by shared articles) and say what it gained."""
    old: dict[str, dict[str, Any]] = previous.get("stories", {})
    old_articles = {sid: set(rec.get("articles", [])) for sid, rec in old.items()}
    pairs = sorted(
        ((len(old_articles[sid] & set(story.articles)), sid, founder(story), n)
         for n, story in enumerate(stories) for sid in old_articles if old_articles[sid] & set(story.articles)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    assigned: dict[int, str] = {}
    for _, sid, _, n in pairs:
        if n not in assigned and sid not in assigned.values():
            assigned[n] = sid
    taken = set(old) | set(previous.get("moved", {})) | set(assigned.values())
    for n in sorted(set(range(len(stories))) - set(assigned), key=lambda n: founder(stories[n])):
        assigned[n] = unique_id(stories[n].id, taken)
        taken.add(assigned[n])
    pinned = [replace(story, id=assigned[n]) for n, story in enumerate(stories)]
    moved = merged_ids(old_articles, pinned, previous.get("moved", {}))
    return record_changes(pinned, labels, previous, moved)


def record_changes(stories: Sequence[Story], labels: Mapping[str, str], previous: Mapping[str, Any],
                   moved: dict[str, str]) -> Pinned:
    """Compare each story with its record; the generation advances only when something was added."""
    old: dict[str, dict[str, Any]] = previous.get("stories", {})
    first_build = not old
    generation = int(previous.get("generation", 0))
    snapshots = {s.id: snapshot(s, labels) for s in stories}
    additions = {s.id: added(old.get(s.id), snapshots[s.id]) for s in stories}
    something_new = any(additions.values()) or set(old) - set(snapshots) or first_build
    latest = generation + 1 if something_new else generation
    records: dict[str, dict[str, Any]] = {}
    changes: dict[str, StoryChange] = {}
    for story in stories:
        record = dict(snapshots[story.id])
        before = old.get(story.id)
        gained = additions[story.id]
        if first_build:
            record.update(first=latest, changed_in=latest, added={})
        elif before is None:
            record.update(first=latest, changed_in=latest, added=gained)
        elif gained:
            record.update(first=before.get("first", generation), changed_in=latest, added=gained)
        else:
            record.update(first=before.get("first", generation), changed_in=before.get("changed_in", generation),
                          added=before.get("added", {}))
        records[story.id] = record
        changes[story.id] = story_change(record, latest, first_build, before is None)
    state = {"schema": STATE_SCHEMA, "generation": latest, "stories": records, "moved": moved}
    return Pinned(tuple(stories), changes, moved, state)


def story_change(record: Mapping[str, Any], latest: int, first_build: bool, is_new: bool) -> StoryChange:
    """How a story's page and the home page describe the latest regeneration."""
    gained = record.get("added", {})
    changed_in = int(record.get("changed_in", latest))
    if first_build or (record.get("first") == latest and latest == 1):
        status = "first"
    elif changed_in != latest:
        status = "unchanged"
    else:
        status = "new" if is_new or record.get("first") == latest else "updated"
    return StoryChange(status, latest, changed_in, tuple(gained.get("outlets", [])),
                       tuple(gained.get("key_points", [])), tuple(gained.get("quotes", [])))


def snapshot(story: Story, labels: Mapping[str, str]) -> dict[str, Any]:
    """What the state remembers of a story: enough to tell next time what was added."""
    return {
        "title": story.title,
        "articles": sorted(story.articles),
        "outlets": sorted({labels.get(a, a) for a in story.articles}),
        "key_points": list(dict.fromkeys(k.text for k in story.key_points)),  # most important first
        "quotes": list(dict.fromkeys(q.text for q in story.quotes)),
    }


def added(before: Mapping[str, Any] | None, now: Mapping[str, Any]) -> dict[str, list[str]]:
    """The outlets, key points and quotes in `now` that `before` did not have (all of them for a new story)."""
    if before is None:
        return {key: list(now[key]) for key in ("outlets", "key_points", "quotes") if now[key]}
    new_articles = set(now["articles"]) - set(before.get("articles", []))
    result: dict[str, list[str]] = {}
    outlets = sorted(set(now["outlets"]) - set(before.get("outlets", [])))
    if new_articles and outlets:
        result["outlets"] = outlets
    for key in ("key_points", "quotes"):
        known = set(before.get(key, []))
        fresh = [text for text in now[key] if text not in known]
        if fresh:
            result[key] = fresh
    if new_articles and not result:
        result["outlets"] = sorted(set(now["outlets"]))  # more reports from outlets already cited
    return result


def merged_ids(old_articles: Mapping[str, set[str]], stories: Sequence[Story],
               moved_before: Mapping[str, str]) -> dict[str, str]:
    """Old ids no story kept, pointing at the story that now holds most of their articles."""
    current = {s.id for s in stories}
    moved: dict[str, str] = {}
    for sid, articles in sorted(old_articles.items()):
        if sid in current:
            continue
        overlaps = sorted((-len(articles & set(s.articles)), s.id) for s in stories if articles & set(s.articles))
        if overlaps:
            moved[sid] = overlaps[0][1]
    for sid, target in sorted(moved_before.items()):
        if sid in current or sid in moved:
            continue
        seen = {sid}
        while target in moved_before and target not in current and target not in seen:
            seen.add(target)
            target = moved_before[target]
        final = moved.get(target, target)
        if final in current:
            moved[sid] = final
    return moved


def founder(story: Story) -> str:
    """The story's smallest article id: a key that does not depend on processing order."""
    return min(story.articles) if story.articles else story.id


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, … when an earlier story already owns it."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def article_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Each article's outlet name as pages show it."""
    return {a.id: outlet_label(a) for a in articles}
