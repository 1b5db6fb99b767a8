"""Measure how often Finnish and Swedish queries find inflected and compound forms, and how fast.

Run with ``.venv/bin/python bench/analysis.py``; prints one JSON line. A query finds a
document when every query word has an alternative among the document's terms ("recall"), or
one that is a prefix of a document term ("prefix_recall", as
wagtail_ikut.services.search.database.text matches).
"""

import glob
import importlib.metadata
import json
import statistics
import sys
import time
from pathlib import Path

import Stemmer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wagtail_ikut.services.search import analysis

# (query, document): the document is what a service page says, the query what a reader types.
PAIRS = [
    ("aikuinen", "Neuvontaa aikuisille"),
    ("uhri", "Tukea ihmiskaupan uhreille"),
    ("uhri", "Palvelu auttaa uhreja"),
    ("oikeusapu", "Maksutonta oikeusapua"),
    ("oikeus", "Oikeusavun hakeminen"),
    ("apu", "Maksutonta oikeusapua"),
    ("Helsinki", "Toimipiste Helsingissä"),
    ("asunto", "Tuetut asumispalvelut"),
    ("tulkki", "Tilaamme tulkkauspalvelua"),
    ("työnhaku", "Apua työnhakuun"),
    ("kotoutuminen", "Kotoutumiskoulutus aikuisille"),
    ("ihmiskauppa", "Ihmiskaupan uhrien auttamisjärjestelmä"),
    ("rikos uhri", "Rikoksen uhrit saavat tukea"),
    ("sosiaalityöntekijä", "Soita sosiaalityöntekijälle"),
    ("työntekijä", "Sosiaalityöntekijän vastaanotto"),
    ("maksuton", "Palvelu on maksutonta"),
    ("turvakoti", "Majoitus turvakodissa"),
    ("lapsi", "Lasten ja nuorten palvelut"),
    ("perhe", "Tukea lapsiperheille"),
    ("mielenterveys", "Mielenterveyspalvelut"),
    ("terveydenhuolto", "Terveydenhuollon palvelut"),
    ("maahanmuuttaja", "Neuvontaa maahanmuuttajille"),
    ("väkivalta", "Väkivaltaa kokeneille"),
    ("kriisiapu", "Kriisiavun päivystys"),
    ("oleskelulupa", "Oleskeluluvan hakeminen"),
    ("Tampere", "Toimipiste Tampereella"),
    ("Vantaa", "Palvelemme Vantaalla"),
    ("poliisi", "Ilmoitus poliisille"),
    ("koulutus", "Hakeutuminen koulutukseen"),
    ("nainen", "Tukea naisille"),
    ("päihde", "Päihdepalvelut"),
    ("kieli", "Suomen kielen opetus"),
]

# The same for Swedish: definite and genitive forms, plurals, the compounds' own forms and
# their last parts.
SWEDISH_PAIRS = [
    ("skyddshemmet", "Skyddshem för kvinnor"),
    ("skyddshem", "Du kan bo i skyddshemmet"),
    ("skyddshemmen", "Skyddshem för invandrarkvinnor"),
    ("människohandelns offer", "Hjälp för offer för människohandel"),
    ("offren", "Stöd för offer för brott"),
    ("offret", "Hjälp för offer för människohandel"),
    ("brottsoffren", "Hjälptelefon för brottsoffer"),
    ("brottsoffer", "Stöd till brottsoffren"),
    ("hjälptelefonen", "Hjälptelefon för brottsoffer"),
    ("hemmet", "Ett tryggt hem"),
    ("boendet", "Tryggt boende i hela Finland"),
    ("kvinnorna", "Skyddshem för kvinnor"),
    ("kvinnan", "En trygg plats för en kvinna"),
    ("barnen", "För kvinnan och hennes barn"),
    ("tolken", "Tolk ordnas vid behov"),
    ("tolkarna", "Vi ordnar en tolk"),
    ("rådgivningen", "Social rådgivning i Åbo"),
    ("socialarbetaren", "En socialarbetare hjälper dig"),
    ("tvångsäktenskapet", "Kvinnor som flyr tvångsäktenskap"),
    ("hälsovården", "Hälsovård för papperslösa"),
    ("tjänstens", "Tjänster på svenska"),
    ("samhället", "Hjälp att komma in i samhälle och arbete"),
    ("arbetet", "Socialt arbete för offer"),
    ("skolan", "Stöd i skola och utbildning"),
    ("fönstret", "Ett fönster mot gatan"),
    ("numret", "Ring nummer 112"),
    # A compound's last part.
    ("telefon", "Hjälptelefon för brottsoffer"),
    ("hem", "Skyddshem för kvinnor"),
    ("kvinnor", "Skyddshem för invandrarkvinnor"),
    ("rådgivningen", "Socialrådgivning i Åbo"),
    ("stöd", "Kamratstöd på svenska"),
    ("handeln", "Offer för människohandel"),
]

SERVICE_TEXT = (
    "Ihmiskaupan uhrien auttamisjärjestelmä tarjoaa apua ihmiskaupan uhreille ja heidän "
    "alaikäisille lapsilleen. Palvelu on maksutonta ja luottamuksellista, eikä avun saaminen "
    "edellytä rikosilmoitusta tai oleskelulupaa. Sosiaalityöntekijä arvioi yhdessä asiakkaan "
    "kanssa, millaista tukea hän tarvitsee: turvallisen majoituksen turvakodissa tai tuetussa "
    "asumisessa, terveydenhuollon ja mielenterveyspalveluiden palveluita, kriisiapua, "
    "oikeusapua sekä tulkkauspalvelua omalla äidinkielellä. Autamme myös Kelan etuuksien "
    "hakemisessa, työnhakuun liittyvissä kysymyksissä ja kotoutumiskoulutukseen "
    "hakeutumisessa. Toimipisteemme sijaitsee Helsingissä, ja palvelemme myös Vantaalla, "
    "Espoossa ja Tampereella. Voit ottaa yhteyttä nimettömästi puhelimitse, sähköpostitse tai "
    "chatissa. Päivystävä sosiaalityöntekijä vastaa arkisin kello 9–16 ja kiireellisissä "
    "tilanteissa ympäri vuorokauden. Jos olet välittömässä vaarassa, soita hätänumeroon 112. "
    "Poliisille ilmoittaminen on vapaaehtoista, ja autamme sinua harkitsemaan, haluatko tehdä "
    "rikosilmoituksen. Oikeudellista neuvontaa antavat kokeneet juristit, jotka tuntevat "
    "ihmiskauppaa ja työperäistä hyväksikäyttöä koskevan lainsäädännön. Tukea saavat aikuiset, "
    "nuoret ja lapsiperheet riippumatta siitä, missä maassa hyväksikäyttö on tapahtunut. "
    "Palvelussa työskentelee sosiaalityöntekijöitä, sairaanhoitajia, psykologeja ja "
    "ohjaajia, jotka puhuvat suomea, ruotsia, englantia, venäjää, arabiaa ja thaita. "
    "Järjestämme tarvittaessa ammattitulkin maksutta. Yhteistyökumppaneitamme ovat "
    "kuntien sosiaalipalvelut, Maahanmuuttovirasto, poliisi, järjestöt ja Rikosuhripäivystys. "
    "Tietosuojasi on meille tärkeää: tietojasi ei luovuteta eteenpäin ilman suostumustasi. "
    "Ensimmäisellä tapaamisella käymme läpi tilanteesi, oikeutesi ja vaihtoehtosi, ja "
    "laadimme yhdessä suunnitelman. Voit tuoda tapaamiseen tukihenkilön. Tarvittaessa "
    "ohjaamme sinut velkaneuvontaan, päihdepalveluihin tai kotoutumista tukeviin palveluihin. "
    "Myös ulkomaalaiset kausityöntekijät ja marjanpoimijat voivat kääntyä puoleemme."
)[:2000]


def finds(query, document, use_voikko, prefix, language="fi"):
    """Return whether every query word matches one of the document's terms."""
    terms = set(analysis.analyse(document, language, use_voikko=use_voikko))
    return every_word_found(
        analysis.query_terms(query, language, use_voikko=use_voikko), terms, prefix
    )


def every_word_found(queried, terms, prefix):
    """Return whether each word's alternatives in ``queried`` meet one of ``terms``."""
    for alternatives in queried:
        if prefix:
            if not any(term.startswith(word) for word in alternatives for term in terms):
                return False
        elif not terms & set(alternatives):
            return False
    return True


def seconds_per_call(function, repeats):
    """Return the median time of one call over several rounds."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeats):
            function()
        rounds.append((time.perf_counter() - start) / repeats)
    return statistics.median(rounds)


def measure(name, use_voikko):
    """Return the recall and speed of one analyser."""
    documents = [document for _, document in PAIRS]
    found = [finds(query, document, use_voikko, prefix=False) for query, document in PAIRS]
    prefixed = [finds(query, document, use_voikko, prefix=True) for query, document in PAIRS]
    analysis._voikko_terms.cache_clear()
    start = time.perf_counter()
    analysis.analyse(SERVICE_TEXT, "fi", use_voikko=use_voikko)
    cold_text = time.perf_counter() - start
    analysis._voikko_terms.cache_clear()
    start = time.perf_counter()
    for document in documents:
        analysis.analyse(document, "fi", use_voikko=use_voikko)
    cold_doc = (time.perf_counter() - start) / len(documents)
    warm_doc = seconds_per_call(
        lambda: [analysis.analyse(d, "fi", use_voikko=use_voikko) for d in documents], 200
    ) / len(documents)
    warm_text = seconds_per_call(
        lambda: analysis.analyse(SERVICE_TEXT, "fi", use_voikko=use_voikko), 200
    )
    return {
        f"{name}_recall": round(sum(found) / len(PAIRS), 3),
        f"{name}_prefix_recall": round(sum(prefixed) / len(PAIRS), 3),
        f"{name}_us_per_doc": round(warm_doc * 1e6, 1),
        f"{name}_us_per_doc_cold": round(cold_doc * 1e6, 1),
        f"{name}_ms_per_2000_chars": round(warm_text * 1e3, 3),
        f"{name}_ms_per_2000_chars_cold": round(cold_text * 1e3, 3),
        f"{name}_misses": [
            f"{q} / {d}" for (q, d), hit in zip(PAIRS, found, strict=True) if not hit
        ],
        f"{name}_prefix_misses": [
            f"{q} / {d}" for (q, d), hit in zip(PAIRS, prefixed, strict=True) if not hit
        ],
    }


def snowball_alone(text):
    """Return the plain Snowball stems of a Swedish text's words (before the package's own
    rules for definite and genitive forms)."""
    stemmer = Stemmer.Stemmer("swedish")
    return [[stemmer.stemWord(word)] for word, _terms in analysis.query_words(text, "sv")]


def measure_swedish():
    """Return the recall of Swedish analysis, and of Snowball alone."""
    result = {"swedish_pairs": len(SWEDISH_PAIRS)}
    for name, analyse_query, analyse_document in (
        ("swedish_snowball", snowball_alone, snowball_alone),
        (
            "swedish",
            lambda text: analysis.query_terms(text, "sv"),
            lambda text: [[term] for term in analysis.analyse(text, "sv")],
        ),
    ):
        for prefix, key in ((False, "recall"), (True, "prefix_recall")):
            found = [
                every_word_found(
                    analyse_query(query),
                    {term for (term,) in analyse_document(document)},
                    prefix,
                )
                for query, document in SWEDISH_PAIRS
            ]
            result[f"{name}_{key}"] = round(sum(found) / len(found), 3)
            if prefix:
                pairs = zip(SWEDISH_PAIRS, found, strict=True)
                result[f"{name}_prefix_misses"] = [f"{q} / {d}" for (q, d), hit in pairs if not hit]
    return result


def versions():
    """Return the versions of the analysers' libraries."""
    found = {"pystemmer": importlib.metadata.version("pystemmer")}
    if analysis.voikko_available():
        import libvoikko

        found["libvoikko_binding"] = importlib.metadata.version("libvoikko")
        found["libvoikko"] = libvoikko.Voikko.getVersion()
        for index in glob.glob("/usr/lib/voikko/*/mor-standard/index.txt"):
            for line in Path(index).read_text(encoding="utf-8").splitlines():
                if line.startswith("SM-Version:"):
                    found["voikko_fi"] = line.split(":", 1)[1].strip()
    return found


def main():
    result = {"pairs": len(PAIRS), "service_text_chars": len(SERVICE_TEXT)}
    result.update(measure("snowball", use_voikko=False))
    if analysis.voikko_available():
        result.update(measure("voikko", use_voikko=True))
    else:
        result["voikko_recall"] = None
    result.update(measure_swedish())
    result["versions"] = versions()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
