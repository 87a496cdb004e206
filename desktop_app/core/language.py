"""Which language a set of texts is in, from character and word statistics alone.

Enough to recommend a text model (issue 15 #10): the English sentence encoder on Chinese reviews
gave 73 % where the any-language model gave 88 %. Scripts are told apart by Unicode ranges
(Han, kana, Hangul, Cyrillic, Arabic, Latin…); among Latin-script texts, English is told from
other languages by its most frequent words. No model, no download, a few milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Unicode ranges of the scripts we tell apart (first match wins; letters only).
_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("ja", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),  # kana: Japanese even beside Han characters
    ("ko", ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("zh", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))),
    ("cyrillic", ((0x0400, 0x04FF),)),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("greek", ((0x0370, 0x03FF),)),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("devanagari", ((0x0900, 0x097F),)),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("latin", ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F))),
)
# The most frequent English words: in English prose they are about a third of all words; in
# Spanish, French, German or Indonesian text only a few per cent.
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "not",
        "no",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "if",
        "so",
        "as",
        "what",
        "which",
        "who",
        "there",
        "here",
        "all",
        "just",
    ]
)
_WORD = re.compile(r"[a-z']+")
# Share of English words above which Latin-script texts count as English.
ENGLISH_WORD_SHARE = 0.15
SAMPLE_TEXTS = 2000
# The guesses in English words (the CLI's; the window has its own, translated).
LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "latin": "like a Latin-script language other than English",
    "cyrillic": "Cyrillic (e.g. Russian)",
    "arabic": "Arabic",
    "greek": "Greek",
    "hebrew": "Hebrew",
    "devanagari": "Devanagari (e.g. Hindi)",
    "thai": "Thai",
}


@dataclass(frozen=True)
class LanguageGuess:
    """`code`: "en", "zh", "ja", "ko", "latin" (a Latin-script language other than English),
    "cyrillic", "arabic", …, or "unknown"; `share`: the part of the letters (for "en": of the
    words) behind the guess, 0…1."""

    code: str
    share: float


def _script(char: str) -> str | None:
    point = ord(char)
    for name, ranges in _SCRIPTS:
        if any(low <= point <= high for low, high in ranges):
            return name
    return None


def detect_language(texts: Iterable[str], sample: int = SAMPLE_TEXTS) -> LanguageGuess:
    """The dominant language of `texts` (the first `sample` of them)."""
    scripts: Counter[str] = Counter()
    chosen: list[str] = []
    for text in texts:
        chosen.append(text)
        for char in text:
            if char.isalpha():
                script = _script(char)
                if script is not None:
                    scripts[script] += 1
        if len(chosen) >= sample:
            break
    letters = sum(scripts.values())
    if not letters:
        return LanguageGuess("unknown", 0.0)
    # Japanese mixes kana with Han characters: any real share of kana makes it Japanese.
    if scripts["ja"] >= 0.1 * letters:
        return LanguageGuess("ja", (scripts["ja"] + scripts["zh"]) / letters)
    script, count = scripts.most_common(1)[0]
    if script != "latin":
        return LanguageGuess(script, count / letters)
    words = [w for text in chosen for w in _WORD.findall(text.lower())]
    english = sum(w in _ENGLISH for w in words) / len(words) if words else 0.0
    if english >= ENGLISH_WORD_SHARE:
        return LanguageGuess("en", english)
    return LanguageGuess("latin", count / letters)


def covers(languages: Sequence[str], code: str) -> bool:
    """Whether a model made for `languages` ("*": any) suits texts in language `code`."""
    return "*" in languages or code in languages
