"""How many typos a search forgives in a word: one rule for the database and the engine."""

#: A word this long or longer may have one letter wrong, missing, extra or swapped with the
#: next; from TWO_TYPOS_FROM letters, two. Two typos in every word over five letters (the
#: engine's plain ``AUTO``) took a third of the engine's time at 100,000 services, for
#: misspellings people seldom make.
ONE_TYPO_FROM = 3
TWO_TYPOS_FROM = 15
#: The first letters of a word are taken as typed: people seldom get the first one wrong, and
#: it bounds the words to compare.
EXACT_PREFIX = 1
#: The same rule in the engine's terms, for a ``match`` query's ``fuzziness``.
ENGINE_FUZZINESS = f"AUTO:{ONE_TYPO_FROM},{TWO_TYPOS_FROM}"


def allowed_typos(word: str) -> int:
    """Return how many typos (edits, a swap of two letters counting as one) ``word`` may have."""
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    return 1 if len(word) >= ONE_TYPO_FROM else 0
