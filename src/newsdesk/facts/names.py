"""Name mentions merged into entities: a full name, its surname alone and its case forms are one person."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Entity, Mention
from .lexicon import lexicon
from .morph import lemma_phrase

_POSSESSIVE = lexicon("en").pattern("possessive", "name_patterns")


@dataclass
class NameMention:
    start: int
    end: int
    text: str
    type: str
    normal: str  # the name in its dictionary form (ru) or cleaned (en)
    gender: str | None = None
    country: str | None = None
    nominative: bool = True  # ru: the name as written is in the nominative
    verb_gender: str | None = None  # ru: gender of the verb agreeing with it («подчеркнула»)
    cluster: Cluster | None = None


@dataclass
class Cluster:
    entity: Entity
    gender_votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    nominative: bool = True  # its name came from a nominative mention

    @property
    def gender(self) -> str | None:
        m, f = self.gender_votes["m"], self.gender_votes["f"]
        return "m" if m > f else "f" if f > m else None


def compatible_first(a: str, b: str) -> bool:
    """First names that may be one person's: "Anna"/"A.", «Олег»/«Олега»; not "Anna"/"Boris"."""
    a, b = a.lower(), b.lower()
    return a[:4] == b[:4] or a.startswith(b.rstrip(".")) or b.startswith(a.rstrip("."))


def surname_key(word: str) -> str:
    return word.lower().replace("ё", "е")


class _Merger:
    """One article's clusters: people by surname, other names by their key."""

    def __init__(self, sentence_starts: list[int], language: str, prefix: str) -> None:
        self.starts = sentence_starts
        # Russian writes a surname in six cases; natasha does not normalise every form it meets.
        self.inflected = language == "ru"
        self.language = language
        self.prefix = prefix
        self.clusters: list[Cluster] = []
        self.by_key: dict[tuple[str, str], Cluster] = {}
        self.by_surname: dict[str, list[Cluster]] = {}

    def new(self, name: str, kind: str) -> Cluster:
        cluster = Cluster(Entity(id=f"{self.prefix}{len(self.clusters) + 1}", name=name, type=kind))
        self.clusters.append(cluster)
        return cluster

    def add(self, cluster: Cluster, m: NameMention) -> None:
        sentence = max(0, bisect.bisect_right(self.starts, m.start) - 1)
        cluster.entity.mentions.append(Mention(m.start, m.end, sentence))
        if m.text not in cluster.entity.aliases and m.text != cluster.entity.name:
            cluster.entity.aliases.append(m.text)
        if m.gender:
            cluster.gender_votes[m.gender] += 2

    def same_surname(self, key: str) -> list[Cluster]:
        same = self.by_surname.get(key, [])
        if not same and self.inflected:
            # «Олег Лапина» (a genitive natasha left as is) and «Олег Лапин»: same stem, short ending apart.
            same = [c for k, cs in self.by_surname.items() for c in cs
                    if k[:4] == key[:4] and abs(len(k) - len(key)) <= 2]
        return same

    def full_name(self, m: NameMention) -> None:
        """A first name and surname: the person with that surname and a compatible first name, or a new one."""
        words = m.normal.split()
        key = surname_key(words[-1])
        match = next((c for c in self.same_surname(key) if compatible_first(c.entity.name.split()[0], words[0])),
                     None)
        if match is not None and m.nominative and not match.nominative:
            match.entity.name = m.normal  # the nominative is the name
            match.nominative = True
            self.by_surname.setdefault(key, []).append(match)
        if match is None:
            match = self.new(m.normal, "PERSON")
            match.nominative = m.nominative
            self.by_surname.setdefault(key, []).append(match)
        m.cluster = match

    def place(self, m: NameMention) -> None:
        """Any mention, once every full name has its cluster: the cluster it joins, or a new one."""
        cluster = m.cluster
        named = [c for c in self.by_surname.get(surname_key(_POSSESSIVE.sub("", m.normal)), [])
                 if len(c.entity.name.split()) > 1]
        if cluster is None and m.type in ("NORP", "ORG", "GPE") and not m.country and len(m.normal.split()) == 1 \
                and m.normal[:1].isupper() and named:
            # "Sorin insisted", "Sorin's tone" tagged NORP: the surname of a person named in full.
            m.type = "PERSON"
            cluster = named[-1]
        if cluster is None and m.type == "PERSON":
            key = surname_key(m.normal.split()[-1])
            candidates = self.same_surname(key)
            if candidates:
                cluster = candidates[-1]
            else:
                cluster = self.new(m.normal, "PERSON")
                self.by_surname.setdefault(key, []).append(cluster)
        elif cluster is None:
            name = m.country or m.normal
            kind = "GPE" if m.country else m.type
            key = (kind, name.lower() if self.language == "en" else lemma_phrase(name))
            cluster = self.by_key.get(key) or self.new(name, kind)
            self.by_key[key] = cluster
        self.add(cluster, m)


def merge_names(mentions: list[NameMention], sentence_starts: list[int], language: str,
                prefix: str = "e") -> list[Cluster]:
    """The mentions merged into clusters (entity ids prefix1, prefix2, ...). Full names are read first, so a
    surname-only mention written before the full name still joins it."""
    merger = _Merger(sentence_starts, language, prefix)
    for m in mentions:
        if m.type == "PERSON" and len(m.normal.split()) >= 2:
            merger.full_name(m)
    for m in mentions:
        merger.place(m)
    return merger.clusters
