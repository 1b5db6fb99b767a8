"""Demo guidance for municipal staff, written from public sources; lawyers must review it.

Sources: the Act 746/2011, chapter 4 (the Assistance System for Victims of Human Trafficking,
run by the Joutseno reception centre), the Act on the Promotion of Integration 681/2023 (in
force from 1.1.2025, replacing 1386/2010) and kotouttaminen.fi on the State's compensation for
services to victims, and kotoutuminen.fi (May 2023) on who applies since the wellbeing
services counties took over social and health services: the counties and the municipalities,
each for what it arranges. The authority that decides was the ELY Centre; the 2026 reform of the
State's regional administration may have moved the task, so the text says to check. Section
numbers are left out where the sources did not settle them.
"""

import datetime

DEMO_NOTE = {
    "fi": "Esimerkkisisältö: kunnan juristien on tarkistettava tämä ohje ennen käyttöä.",
    "sv": "Exempelinnehåll: kommunens jurister måste granska anvisningen före användning.",
    "en": "Demo content: a municipality's lawyers must review this guidance before use.",
}

LEGAL_REFERENCES = [
    {
        "key": "746/2011-4",
        "statute_number": "746/2011",
        "chapter": "4",
        "in_force_from": datetime.date(2011, 9, 1),
        "title": {
            "fi": "Laki kansainvälistä suojelua hakevan vastaanotosta sekä ihmiskaupan uhrin "
            "tunnistamisesta ja auttamisesta",
            "sv": "Lag om mottagande av personer som söker internationellt skydd och om "
            "identifiering av och hjälp till offer för människohandel",
            "en": "Act on the Reception of Persons Applying for International Protection and on "
            "the Identification of and Assistance to Victims of Trafficking in Human Beings",
        },
    },
    {
        "key": "681/2023",
        "statute_number": "681/2023",
        "in_force_from": datetime.date(2025, 1, 1),
        "title": {
            "fi": "Laki kotoutumisen edistämisestä",
            "sv": "Lag om främjande av integration",
            "en": "Act on the Promotion of Integration",
        },
    },
    {
        "key": "1386/2010",
        "statute_number": "1386/2010",
        "in_force_from": datetime.date(2011, 9, 1),
        "in_force_to": datetime.date(2024, 12, 31),
        "title": {
            "fi": "Laki kotoutumisen edistämisestä",
            "sv": "Lag om främjande av integration",
            "en": "Act on the Promotion of Immigrant Integration",
        },
    },
]

INDEX = {
    "key": "guidance-index",
    "slug": {"fi": "ohjeet", "sv": "anvisningar", "en": "guidance"},
    "title": {"fi": "Ohjeet", "sv": "Anvisningar", "en": "Guidance"},
    "intro": {
        "fi": "<p>Ohjeita kunnan työntekijöille ihmiskaupan uhrien auttamiseen. "
        f"<b>{DEMO_NOTE['fi']}</b></p>",
        "sv": "<p>Anvisningar för kommunens anställda om att hjälpa offer för människohandel. "
        f"<b>{DEMO_NOTE['sv']}</b></p>",
        "en": "<p>Guidance for municipal staff on helping victims of human trafficking. "
        f"<b>{DEMO_NOTE['en']}</b></p>",
    },
}

OWNER = {
    "fi": "Ihmiskaupan vastaisen työn koordinaattori, sosiaalipalvelut (esimerkki)",
    "sv": "Samordnare för arbetet mot människohandel, socialtjänsten (exempel)",
    "en": "Anti-trafficking coordinator, social services (demo)",
}
# Since 2023 the wellbeing services county arranges social and health services, and so claims
# their costs; Helsinki, which still arranges its own, and any municipality for what it arranges.
FINANCE = {
    "fi": "Hyvinvointialueen tai kunnan talouspalvelut",
    "sv": "Välfärdsområdets eller kommunens ekonomitjänster",
    "en": "Finance services of the wellbeing services county or municipality",
}
SOCIAL_WORKER = {"fi": "Sosiaalityöntekijä", "sv": "Socialarbetare", "en": "Social worker"}
LAST_REVIEWED = datetime.date(2026, 10, 1)


def step(title, who, text, requirement="required", group="", **links):
    return {
        "title": title,
        "who": who,
        "text": text,
        "requirement": requirement,
        "group": group,
        **links,
    }


RECOGNISE = {
    "key": "recognise-and-refer",
    "slug": {
        "fi": "tunnistaminen-ja-ohjaaminen",
        "sv": "identifiera-och-hanvisa",
        "en": "recognise-and-refer",
    },
    "title": {
        "fi": "Ihmiskaupan uhrin tunnistaminen ja ohjaaminen auttamisjärjestelmään",
        "sv": "Att identifiera ett offer för människohandel och hänvisa till hjälpsystemet",
        "en": "Recognising a possible victim and referring them to the Assistance System",
    },
    "summary": {
        "fi": "Miten kunnan työntekijä tunnistaa, että asiakas voi olla ihmiskaupan uhri, ja "
        "ohjaa hänet auttamisjärjestelmään.",
        "sv": "Hur en kommunanställd känner igen att en klient kan vara offer för "
        "människohandel och hänvisar klienten till hjälpsystemet.",
        "en": "How municipal staff recognise that a client may be a victim of trafficking and "
        "refer them to the Assistance System.",
    },
    "audience": ["social_worker", "health_care", "ngo_staff"],
    "next_review": datetime.date(2027, 4, 1),
    "steps": [
        step(
            {"fi": "Huomaa merkit", "sv": "Lägg märke till tecknen", "en": "Notice the signs"},
            {
                "fi": "Kuka tahansa kunnan työntekijä",
                "sv": "Varje kommunanställd",
                "en": "Any municipal employee",
            },
            {
                "fi": "<p>Merkkejä ovat esimerkiksi toisen hallussa olevat henkilöpaperit, velka "
                "työnantajalle tai värvääjälle, maksamattomat palkat ja rajoitettu liikkuminen. "
                "Puhu asiakkaan kanssa kahden kesken ja käytä ammattitulkkia.</p>",
                "sv": "<p>Tecken är till exempel att någon annan har personens dokument, skuld "
                "till arbetsgivaren eller rekryteraren, obetalda löner och begränsad "
                "rörelsefrihet. Tala med klienten på tu man hand och anlita en professionell "
                "tolk.</p>",
                "en": "<p>Signs include someone else holding the person's documents, a debt to "
                "the employer or recruiter, unpaid wages and restricted movement. Speak with the "
                "client alone, with a professional interpreter.</p>",
            },
        ),
        step(
            {
                "fi": "Kysy neuvoa auttamisjärjestelmästä",
                "sv": "Rådfråga hjälpsystemet",
                "en": "Ask the Assistance System for advice",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Auttamisjärjestelmä neuvoo ammattilaisia puhelimitse ympäri "
                "vuorokauden. Voit kysyä neuvoa kertomatta asiakkaan nimeä.</p>",
                "sv": "<p>Hjälpsystemet ger yrkespersoner råd per telefon dygnet runt. Du kan "
                "fråga utan att uppge klientens namn.</p>",
                "en": "<p>The Assistance System advises professionals by phone day and night. "
                "You can ask without giving the client's name.</p>",
            },
            "optional",
            services=["assistance-system-help"],
        ),
        step(
            {
                "fi": "Tee esitys auttamisjärjestelmään",
                "sv": "Gör en anmälan till hjälpsystemet",
                "en": "Refer the client to the Assistance System",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Tee esitys asiakkaan suostumuksella. Asiakas voi hakeutua myös itse. "
                "Auttamisjärjestelmä päättää asiakkaaksi ottamisesta.</p>",
                "sv": "<p>Gör anmälan med klientens samtycke. Klienten kan också själv ansöka. "
                "Hjälpsystemet beslutar om klienten tas in.</p>",
                "en": "<p>Refer the client with their consent; they may also apply themselves. "
                "The Assistance System decides on admission.</p>",
            },
            documents=[
                {
                    "fi": "Asiakkaan suostumus",
                    "sv": "Klientens samtycke",
                    "en": "The client's consent",
                },
            ],
            references=["746/2011-4"],
        ),
        step(
            {
                "fi": "Turvallinen majoitus: kunnan hätämajoitus",
                "sv": "Tryggt boende: kommunens nödinkvartering",
                "en": "Safe housing: the municipality's emergency housing",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Järjestä kiireellinen majoitus heti; päätöstä ei tarvitse odottaa.</p>",
                "sv": "<p>Ordna brådskande boende genast; beslutet behöver inte inväntas.</p>",
                "en": "<p>Arrange urgent housing at once; do not wait for the decision.</p>",
            },
            "one_of",
            "A",
        ),
        step(
            {
                "fi": "Turvallinen majoitus: turvakoti",
                "sv": "Tryggt boende: skyddshem",
                "en": "Safe housing: a shelter",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Väkivaltaa tai pakkoavioliittoa pakenevalle turvakoti voi olla "
                "turvallisempi.</p>",
                "sv": "<p>För den som flyr våld eller tvångsäktenskap kan ett skyddshem vara "
                "tryggare.</p>",
                "en": "<p>For someone escaping violence or forced marriage a shelter may be "
                "safer.</p>",
            },
            "one_of",
            "A",
            services=["monika-shelter"],
        ),
    ],
}

CONTINUITY = {
    "key": "continuity-of-services",
    "slug": {
        "fi": "palvelujen-jatkuvuus",
        "sv": "kontinuitet-i-tjansterna",
        "en": "continuity-of-services",
    },
    "title": {
        "fi": "Palvelujen jatkuvuus auttamisjärjestelmän ja kunnan välillä",
        "sv": "Kontinuitet i tjänsterna mellan hjälpsystemet och kommunen",
        "en": "Continuity of services between the Assistance System and the municipality",
    },
    "summary": {
        "fi": "Kun asiakkaalla on kotikunta, palvelut järjestää kunta tai hyvinvointialue "
        "auttamisjärjestelmän tuella. Näin palvelut jatkuvat katkoitta.",
        "sv": "När klienten har en hemkommun ordnar kommunen eller välfärdsområdet tjänsterna "
        "med stöd av hjälpsystemet. Så fortsätter tjänsterna utan avbrott.",
        "en": "When the client has a municipality of residence, the municipality or wellbeing "
        "services county provides the services, supported by the Assistance System, so that "
        "they go on without a break.",
    },
    "audience": ["social_worker", "health_care"],
    "next_review": datetime.date(2027, 4, 1),
    "steps": [
        step(
            {
                "fi": "Selvitä vastuutaho",
                "sv": "Utred vem som ansvarar",
                "en": "Find out who is responsible",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Tarkista, onko asiakkaalla kotikunta. Ilman kotikuntaa palvelut "
                "järjestää auttamisjärjestelmä.</p>",
                "sv": "<p>Kontrollera om klienten har en hemkommun. Utan hemkommun ordnar "
                "hjälpsystemet tjänsterna.</p>",
                "en": "<p>Check whether the client has a municipality of residence. Without one, "
                "the Assistance System provides the services.</p>",
            },
            references=["746/2011-4"],
        ),
        step(
            {
                "fi": "Sovi siirrosta yhdessä",
                "sv": "Kom överens om överföringen tillsammans",
                "en": "Agree on the handover together",
            },
            SOCIAL_WORKER,
            {
                "fi": "<p>Pidä yhteinen tapaaminen asiakkaan ja auttamisjärjestelmän kanssa ja "
                "kirjaa palvelut asiakassuunnitelmaan.</p>",
                "sv": "<p>Håll ett gemensamt möte med klienten och hjälpsystemet och skriv in "
                "tjänsterna i klientplanen.</p>",
                "en": "<p>Meet with the client and the Assistance System, and write the services "
                "into the client plan.</p>",
            },
            documents=[
                {"fi": "Asiakassuunnitelma", "sv": "Klientplan", "en": "Client plan"},
                {
                    "fi": "Suostumus tietojen vaihtoon",
                    "sv": "Samtycke till informationsutbyte",
                    "en": "Consent to share information",
                },
            ],
            deadline={
                "fi": "Ennen muuttoa kuntaan",
                "sv": "Före flytten till kommunen",
                "en": "Before the client moves to the municipality",
            },
        ),
        step(
            {"fi": "Kerro muutoksista", "sv": "Meddela ändringar", "en": "Report changes"},
            SOCIAL_WORKER,
            {
                "fi": "<p>Kerro auttamisjärjestelmälle, jos asiakas muuttaa tai hänen "
                "oleskelulupansa muuttuu, jotta asuminen ja toimeentulo eivät katkea.</p>",
                "sv": "<p>Meddela hjälpsystemet om klienten flyttar eller uppehållstillståndet "
                "ändras, så att boende och försörjning inte avbryts.</p>",
                "en": "<p>Tell the Assistance System when the client moves or their residence "
                "permit changes, so that housing and income do not stop.</p>",
            },
            services=["assistance-system-help"],
        ),
    ],
}

COMPENSATION = {
    "key": "state-compensation",
    "slug": {"fi": "valtion-korvaus", "sv": "statlig-ersattning", "en": "state-compensation"},
    "title": {
        "fi": "Valtion korvaus ihmiskaupan uhrin erityispalveluista",
        "sv": "Statlig ersättning för särskilda tjänster till offer för människohandel",
        "en": "Compensation from the State for special services to victims",
    },
    "summary": {
        "fi": "Valtio korvaa kustannukset ihmiskaupan uhrin sosiaali- ja terveyspalveluista, "
        "tulkkauksesta ja turvallisuuden takaamisesta. Vuodesta 2023 sosiaali- ja "
        "terveyspalveluiden korvausta hakee hyvinvointialue (Helsingissä kaupunki), kunta "
        "omista palveluistaan. Näin haet korvausta.",
        "sv": "Staten ersätter kostnader för social- och hälsovård, tolkning och trygghet för "
        "offer för människohandel. Sedan 2023 ansöker välfärdsområdet (i Helsingfors staden) "
        "om ersättning för social- och hälsovården, kommunen för sina egna tjänster. Så här "
        "ansöker du om ersättning.",
        "en": "The State compensates the costs of social and health services, interpretation "
        "and safety arrangements for victims. Since 2023 the wellbeing services county (in "
        "Helsinki, the city) applies for social and health services, a municipality for its "
        "own services. This is how to apply.",
    },
    "audience": ["social_worker"],
    # Overdue on purpose, so that the demo's review report has something to show.
    "next_review": datetime.date(2026, 11, 1),
    "steps": [
        step(
            {"fi": "Kirjaa kustannukset", "sv": "Bokför kostnaderna", "en": "Record the costs"},
            FINANCE,
            {
                "fi": "<p>Kirjaa palvelut, päivät ja kustannukset erikseen asiakaskohtaisesti. "
                "Korvattavia ovat sosiaali- ja terveyspalvelut, tulkkaus, turvallisuuden "
                "takaaminen ja muut erityistarpeista johtuvat palvelut.</p>",
                "sv": "<p>Bokför tjänster, datum och kostnader separat per klient. Ersättning "
                "ges för social- och hälsovård, tolkning, trygghet och andra tjänster som beror "
                "på särskilda behov.</p>",
                "en": "<p>Record services, dates and costs separately for each client. Social "
                "and health services, interpretation, safety arrangements and other services "
                "due to special needs can be compensated.</p>",
            },
        ),
        step(
            {"fi": "Hae korvausta", "sv": "Ansök om ersättning", "en": "Apply for compensation"},
            FINANCE,
            {
                "fi": "<p>Hyvinvointialue hakee korvausta järjestämistään sosiaali- ja "
                "terveyspalveluista, kunta itse järjestämistään palveluista (Helsingissä "
                "kaupunki kaikista). Hae korvausta valtion viranomaiselta, joka tekee "
                "kotoutumislain korvauspäätökset (ennen vuotta 2026 ELY-keskus; tarkista "
                "ajantasainen viranomainen ja asiointipalvelu). Viranomainen pyytää "
                "auttamisjärjestelmän johtajan lausunnon.</p>",
                "sv": "<p>Välfärdsområdet ansöker om ersättning för den social- och hälsovård "
                "det ordnar, kommunen för de tjänster den själv ordnar (i Helsingfors staden för "
                "alla). Ansök hos den statliga myndighet som fattar beslut om ersättningar enligt "
                "integrationslagen (före 2026 NTM-centralen; kontrollera vilken myndighet och "
                "e-tjänst som gäller nu). Myndigheten ber hjälpsystemets direktör om ett "
                "utlåtande.</p>",
                "en": "<p>The wellbeing services county applies for the social and health "
                "services it arranges, a municipality for the services it arranges itself (in "
                "Helsinki, the city for all). Apply to the State authority that decides on "
                "compensation under the Integration Act (the ELY Centre until 2026; check which "
                "authority and e-service apply now). It asks the director of the Assistance "
                "System for a statement.</p>",
            },
            documents=[
                {"fi": "Hakemuslomake", "sv": "Ansökningsblankett", "en": "Application form"},
                {
                    "fi": "Asiakaskohtainen kustannuserittely",
                    "sv": "Kostnadsspecifikation per klient",
                    "en": "Costs itemised per client",
                },
                {
                    "fi": "Laskut ja tositteet",
                    "sv": "Fakturor och verifikat",
                    "en": "Invoices and receipts",
                },
                {
                    "fi": "Perustelu erityistarpeesta",
                    "sv": "Motivering av det särskilda behovet",
                    "en": "Why the service was needed because of the client's situation",
                },
            ],
            deadline={
                "fi": "Tarkista hakuaika viranomaiselta",
                "sv": "Kontrollera ansökningstiden hos myndigheten",
                "en": "Check the application period with the authority",
            },
            references=["681/2023", "746/2011-4"],
        ),
        step(
            {
                "fi": "Vuoden 2024 ja aiemmat kustannukset",
                "sv": "Kostnader för 2024 och tidigare",
                "en": "Costs from 2024 and earlier",
            },
            FINANCE,
            {
                "fi": "<p>Ennen vuotta 2025 syntyneisiin kustannuksiin voi soveltua kumottu laki; "
                "varmista asia viranomaiselta.</p>",
                "sv": "<p>På kostnader före 2025 kan den upphävda lagen tillämpas; kontrollera "
                "med myndigheten.</p>",
                "en": "<p>Costs from before 2025 may fall under the repealed act; check with the "
                "authority.</p>",
            },
            "optional",
            references=["1386/2010"],
        ),
    ],
}

PAGES = [RECOGNISE, CONTINUITY, COMPENSATION]


def page_values(entry, locale, find):
    """Return a guidance page's fields in ``locale``; ``find(model, key)`` looks up demo objects."""
    from wagtail_ikut.guidance.legal import LegalReference
    from wagtail_ikut.services.models import ServicePage

    code = locale.language_code

    def text(value):
        return value[code] if isinstance(value, dict) else value

    def step_value(item):
        return {
            "title": text(item["title"]),
            "who_acts": text(item["who"]),
            "what_to_do": text(item["text"]),
            "requirement": item["requirement"],
            "group": item["group"],
            "documents": [{"name": text(name), "url": ""} for name in item.get("documents", [])],
            "deadline": text(item.get("deadline", "")),
            "services": [find(ServicePage, key) for key in item.get("services", [])],
            "guidance": [],
            "legal_references": [find(LegalReference, key) for key in item.get("references", [])],
            "valid_from": None,
            "valid_until": None,
        }

    return {
        "title": text(entry["title"]),
        "slug": text(entry["slug"]),
        "summary": f"{text(entry['summary'])} {DEMO_NOTE[code]}",
        "audience": entry["audience"],
        "owner_role": OWNER[code],
        "last_reviewed": LAST_REVIEWED,
        "next_review": entry["next_review"],
        "steps": [("step", step_value(item)) for item in entry["steps"]],
    }
