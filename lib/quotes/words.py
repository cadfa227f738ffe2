"""The general English word lists attribution uses, read once from ``lib/resources/``.

Reporting verbs come from the shared vocabulary (``lib.text.reporting_verbs``); the words that describe or stand
for a speaker (pronouns, person and organisation nouns, determiners ...) from ``speaker_words.txt``. Nothing here
knows a story: which side "Russian" or "the agency" points at comes from the actor table's ``side_words``.

>>> "said" in CUE_VERBS and "he" in PERSON_PRONOUNS and "agency" in ORG_NOUNS
True
"""

from __future__ import annotations

from lib.text import RESOURCES, abbreviations, read_tagged_words, reporting_verbs

__all__ = ["CUE_VERBS"]

SPEAKER_WORDS = RESOURCES / "speaker_words.txt"
_SPEAKER = read_tagged_words(SPEAKER_WORDS)


def speaker_words(use: str) -> frozenset[str]:
    """The words of ``speaker_words.txt`` tagged with ``use`` (e.g. ``"person_noun"``).

    >>> sorted(speaker_words("person_pronoun"))
    ['he', 'her', 'him', 'she']
    """
    return frozenset(word for word, uses in _SPEAKER.items() if use in uses)


CUE_VERBS = reporting_verbs("cue")  # speech and reporting verbs; "according to" is a cue of its own
# Forms that are also common nouns or adjectives ("member states", "news reports"): a cue only right after a
# capitalised word or a pronoun ("Bloomberg reports", "he notes").
AMBIGUOUS_CUES = reporting_verbs("cue_after_name")
INVERTIBLE = reporting_verbs("cue_before_subject")  # "..., said Smith"; "told X" names the listener instead
SPLIT_ABBREVIATIONS = sorted(a.capitalize() for a in abbreviations("quote_split"))  # "Mr." ends no sentence

DETERMINERS = speaker_words("determiner")
PERSON_PRONOUNS = speaker_words("person_pronoun")
OTHER_PRONOUNS = speaker_words("other_pronoun")
PERSON_NOUNS = speaker_words("person_noun")  # "the official said" points back to a person
UNKNOWN_NOUNS = speaker_words("unknown_noun")  # "a person familiar with the talks said" stays unknown
INDEFINITE = speaker_words("indefinite")
ORG_NOUNS = speaker_words("org_noun")  # "the agency said": an organisation of the side the table gives the noun
PREPOSITIONS = speaker_words("preposition")
CONJUNCTIONS = speaker_words("conjunction")
FILLERS = speaker_words("filler")  # auxiliaries and adverbs between a subject and its verb
