"""Turn page texts and search queries into index terms for the embedded search backends.

SQLite FTS5 and PostgreSQL's ``simple`` configuration only split words and lower-case them, so
both receive text that ``analyse`` has already reduced to terms, and a query goes through
``query_terms`` so that each typed word matches any of its forms.

Text is NFKC-normalised and lower-cased, then split into words of letters, digits and combining
marks; an apostrophe stays inside a word, a hyphen splits one ("ESR-rahoitteinen" is the words
"esr" and "rahoitteinen"), and an abbreviation's ending after a colon is dropped ("EU:n" is
"eu"). No stop words are dropped from the index; a search leaves out the words of
``STOP_WORDS`` when it has others (services/search/directory.py). Each word is then reduced
by its language's analyser:

- Finnish with Voikko (Debian ``libvoikko1`` and ``voikko-fi``, PyPI ``libvoikko``): the base
  forms of the word and, for a compound, of its parts ("oikeusapua" gives "oikeusapu",
  "oikeus" and "apu") and of the shorter compounds at its start and end ("sosiaalityö" and
  "työntekijä" from "sosiaalityöntekijälle"); a word Voikko does not know is stemmed with
  Snowball instead.
- Finnish without Voikko, Swedish and English: the Snowball stem (PyStemmer); a Swedish word
  is indexed with the last part of a compound too (SWEDISH_COMPOUND_ENDS).
- Any other language: the lower-cased word.

``analyse`` keeps one entry per word, so a repeated word repeats its terms (ranking counts
them), but a word lists each of its own terms once. A query word's alternatives are its base
forms only: compound parts are indexed but not searched for, so that "oikeusapu" does not find
every text that mentions "apu", while "apu" does find "oikeusapua". Terms never contain
spaces, apostrophes or punctuation.

Index and query with the same analyser: ``backend_name`` tells which one is in use, and a site
that gains or loses Voikko must rebuild its index.
"""

import functools
import logging
import re
import threading
import unicodedata

import Stemmer

logger = logging.getLogger(__name__)

SNOWBALL_ALGORITHMS = {"fi": "finnish", "sv": "swedish", "en": "english"}
VOIKKO_CACHE_SIZE = 100_000
# Voikko rejects words over 255 characters, and long junk tokens would only bloat the cache.
VOIKKO_MAX_WORD = 64

# Combining marks of the scripts our readers write (Latin, Cyrillic, Hebrew, Arabic, Indic, Thai,
# Lao, Myanmar) belong inside words, but \w does not match them.
_MARKS = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    r"\u102b-\u103e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_TOKEN = re.compile(rf"{_WORD.pattern}(?:'{_WORD.pattern})*")
# Finnish and Swedish inflect an abbreviation after a colon: "EU:n", "Kela:lta", "EU:s".
_COLON_ENDING = re.compile(r"(?<=[^\W_]):[^\W\d_]{1,6}\b")
# A morpheme of Voikko's WORDBASES with a lexical base, e.g. "+ihmis(ihminen)"; "+us(+us)" is not.
_MORPHEME = re.compile(r"\+([^+(]+)\(([^+)][^)]*)\)")

_SWEDISH_VOWELS = set("aeiouyåäö")

#: Words that only join a search's other words ("rådgivning i Åbo", "help for women"): a
#: service need not have them. Not the long lists of stop-words packages, which count words
#: people search this directory by among them ("free", "apu", "course"); and not "ei", "ilman",
#: "utan", "without" or "no", which say what a visitor needs ("ilman ajanvarausta").
# fmt: off
STOP_WORDS = {
    "fi": frozenset({
        "ja", "tai", "sekä", "myös", "että", "kun", "jos", "on", "ovat", "olen", "olla", "minä",
        "mä", "minulle", "minun", "mun", "missä", "mistä", "mihin", "miten", "kuka", "mikä", "voi",
        "voin", "saan",
    }),
    "sv": frozenset({
        "i", "på", "för", "av", "med", "till", "och", "eller", "om", "en", "ett", "den", "det",
        "de", "att", "som", "från", "vid", "hos", "jag", "mig", "min", "mitt", "är", "har", "kan",
        "var", "vad", "hur", "där", "vill",
    }),
    "en": frozenset({
        "a", "an", "the", "of", "in", "on", "at", "for", "to", "with", "and", "or", "from", "by",
        "near", "i", "me", "my", "is", "am", "are", "can", "where", "how", "what", "who", "need",
        "want",
    }),
}
# fmt: on

#: Words that end Swedish compounds in what services say of themselves: a word that ends in
#: one of them, with three or more letters before it, is indexed with it as a term of its own,
#: so that "hem" finds "skyddshem" and "telefon" finds "hjälptelefon". Swedish has no
#: packaged decompounder (as Voikko is for Finnish) that PyPI or Debian ship for Python.
SWEDISH_COMPOUND_ENDS = (
    "advokat", "arbetare", "arbete", "barn", "boende", "bostad", "byrå", "center", "central",
    "familj", "förening", "församling", "grupp", "handel", "hem", "hjälp", "hus", "hälsa", "jour",
    "jurist", "kontor", "kurs", "kvinna", "kvinnor", "kyrka", "linje", "myndighet", "mottagning",
    "nätverk", "offer", "ombud", "organisation", "polis", "råd", "rådgivning", "rätt", "service",
    "skola", "skydd", "språk", "stöd", "telefon", "tjänst", "tolk", "utbildning", "verksamhet",
    "vård",
)  # fmt: skip
#: Letters a compound keeps before its last part: "skydds" of "skyddshem".
SWEDISH_COMPOUND_HEAD = 3

_voikko = None  # the libvoikko.Voikko instance once loaded, False when it cannot be
_voikko_lock = threading.Lock()  # one Voikko instance must not be used by two threads at once
_stemmers = threading.local()  # nor one PyStemmer instance


def voikko_available() -> bool:
    """Return whether Finnish can be lemmatised with Voikko in this process."""
    return _load_voikko() is not None


def backend_name(language_code: str, *, use_voikko: bool = True) -> str:
    """Return the analyser used for a language: "voikko", "snowball" or "lowercase"."""
    language = _language(language_code)
    if language == "fi" and use_voikko and voikko_available():
        return "voikko"
    return "snowball" if language in SNOWBALL_ALGORITHMS else "lowercase"


def analyse(text: str, language_code: str, *, use_voikko: bool = True) -> list[str]:
    """Return the index terms of a text, word by word in order."""
    return [
        term for _, _, terms in _analyse_words(text, language_code, use_voikko) for term in terms
    ]


def query_terms(text: str, language_code: str, *, use_voikko: bool = True) -> list[list[str]]:
    """Return, for each word of a query, the terms any one of which it may match."""
    return [terms for _, terms in query_words(text, language_code, use_voikko=use_voikko)]


def query_words(
    text: str, language_code: str, *, use_voikko: bool = True
) -> list[tuple[str, list[str]]]:
    """Return each word of a query as written (lowercased), with its query terms."""
    return [
        (word, list(words)) for word, words, _ in _analyse_words(text, language_code, use_voikko)
    ]


def is_stop_word(word: str, language_code: str) -> bool:
    """Return whether a query word, lower-cased as query_words gives it, only joins others."""
    return word in STOP_WORDS.get(_language(language_code), ())


def _analyse_words(text, language_code, use_voikko):
    """Yield each word with its query alternatives and index terms."""
    language = _language(language_code)
    backend = backend_name(language, use_voikko=use_voikko)
    stemmer = _stemmer(language) if backend != "lowercase" else None
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'")
    for word in _TOKEN.findall(_COLON_ENDING.sub("", text)):
        if backend == "voikko" and len(word) <= VOIKKO_MAX_WORD:
            lemmas, parts = _voikko_terms(word)
            if lemmas:
                yield word, lemmas, _unique(lemmas + parts)
                continue
        if language == "sv":
            term = _swedish_stem(word, stemmer).replace("'", "")
            yield word, (term,), (term, *_swedish_compound_ends(term))
            continue
        term = (stemmer.stemWord(word) if stemmer else word).replace("'", "")
        yield word, (term,), (term,)


@functools.lru_cache(maxsize=VOIKKO_CACHE_SIZE)
def _voikko_terms(word):
    """Return the base forms of a Finnish word and of its compound parts."""
    analyses = _voikko_analyze(word)
    lemmas = _unique(_baseforms(analyses))
    terms = []
    for analysis in analyses:
        bases = dict(_MORPHEME.findall(analysis.get("WORDBASES", "").lower()))
        parts = _compound_parts(word, analysis.get("STRUCTURE", ""))
        start = 0
        for index, part in enumerate(parts):
            # A bound first part ("ihmis-" of "ihmiskauppa") is no word on its own.
            terms.extend(_baseforms(_voikko_analyze(part)) or [_clean(bases.get(part, part))])
            if 0 < index < len(parts) - 1:
                # So that "työntekijä" and "sosiaalityö" find "sosiaalityöntekijälle".
                terms.extend(_baseforms(_voikko_analyze(word[start:])))
                terms.extend(_baseforms(_voikko_analyze(word[: start + len(part)])))
            start += len(part)
    return lemmas, _unique(term for term in terms if term)


def _baseforms(analyses):
    """Return the cleaned base forms of Voikko analyses."""
    return [_clean(analysis["BASEFORM"]) for analysis in analyses if "BASEFORM" in analysis]


def _compound_parts(word, structure):
    """Return the surface forms of a compound's parts, split where STRUCTURE has "="."""
    letters = structure.replace("=", "")
    if structure.count("=") < 2 or not structure.startswith("=") or len(letters) != len(word):
        return []
    parts, position = [], 0
    for span in structure[1:].split("="):
        parts.append(word[position : position + len(span)])
        position += len(span)
    return parts


def _voikko_analyze(word):
    """Return Voikko's analyses of one word."""
    with _voikko_lock:
        return _voikko.analyze(word)


def _load_voikko():
    """Return this process's Voikko instance, loading it on first use, or None."""
    global _voikko
    with _voikko_lock:
        if _voikko is None:
            _voikko = _open_voikko()
    return _voikko or None


def _open_voikko():
    """Open Voikko's Finnish dictionary, or log why not and return False."""
    try:
        import libvoikko
    except ImportError as error:
        return _without_voikko(error)
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as error:
        return _without_voikko(error)


def _without_voikko(error):
    """Log once that Finnish falls back to Snowball."""
    logger.info("Voikko is not available (%s); Finnish is stemmed with Snowball instead", error)
    return False


def _swedish_stem(word, stemmer):
    """Return the Snowball stem of a Swedish word, with the definite and genitive forms that
    Snowball leaves brought to their base form's stem."""
    stem = stemmer.stemWord(word)
    # The definite endings Snowball keeps, with or without the genitive "-s": "-et" of
    # "hemmet", "skyddshemmets", "offret" and "boendet", "-n" of "skolan".
    if (stem == word or stem + "s" == word) and len(stem) > 4:
        if stem.endswith("et"):
            stem = stemmer.stemWord(stem[:-2])
        elif stem.endswith("an"):
            stem = stemmer.stemWord(stem[:-1])
    # "människohandeln(s)" is "människohandel" with its definite "-n"; "offr" of "offret" and
    # "offren" is "off" of "offer", whose "-er" loses its "e" before an ending.
    definite_n = stem.endswith("eln")
    lost_e = len(stem) > 3 and stem[-1] == "r" and stem[-2] not in _SWEDISH_VOWELS
    if definite_n or lost_e:
        stem = stem[:-1]
    # "hemm" of "hemmet" and "hemmen", "hem" of "hem".
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _SWEDISH_VOWELS:
        stem = stem[:-1]
    return stem


def _swedish_compound_ends(stem):
    """Return the stems of SWEDISH_COMPOUND_ENDS that a Swedish word's stem ends in."""
    return [
        end
        for end in _swedish_end_stems()
        if len(stem) - len(end) >= SWEDISH_COMPOUND_HEAD and stem.endswith(end)
    ]


@functools.cache
def _swedish_end_stems():
    """Return the stems of SWEDISH_COMPOUND_ENDS, as the words they end are stemmed."""
    stemmer = Stemmer.Stemmer(SNOWBALL_ALGORITHMS["sv"])
    return tuple(dict.fromkeys(_swedish_stem(end, stemmer) for end in SWEDISH_COMPOUND_ENDS))


def _stemmer(language):
    """Return this thread's Snowball stemmer for a language."""
    stemmer = getattr(_stemmers, language, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(SNOWBALL_ALGORITHMS[language])
        setattr(_stemmers, language, stemmer)
    return stemmer


def _language(language_code):
    """Return the primary subtag of a language code such as "fi", "sv-FI" or "en_GB"."""
    return (language_code or "").replace("_", "-").split("-")[0].lower()


def _clean(term):
    """Return a term lower-cased with everything but letters, digits and marks removed."""
    return "".join(_WORD.findall(term.lower()))


def _unique(terms):
    """Return terms without repeats, in their first order."""
    return tuple(dict.fromkeys(terms))
