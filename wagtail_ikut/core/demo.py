"""Demo content: real municipalities and organisations, never persons, in fi, sv and en.

A value given as a dict of language codes is translated; any other value is the same in
every language. Each entry's ``key`` fixes its identity across runs and languages.
"""

DEMO_CONTENT_LANGUAGES = ("fi", "sv", "en")

MUNICIPALITIES = [
    {
        "key": "091",
        "code": "091",
        "name": {"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"},
    },
    {"key": "049", "code": "049", "name": {"fi": "Espoo", "sv": "Esbo", "en": "Espoo"}},
    {"key": "092", "code": "092", "name": {"fi": "Vantaa", "sv": "Vanda", "en": "Vantaa"}},
    {"key": "853", "code": "853", "name": {"fi": "Turku", "sv": "Åbo", "en": "Turku"}},
    {"key": "837", "code": "837", "name": {"fi": "Tampere", "sv": "Tammerfors", "en": "Tampere"}},
    {"key": "564", "code": "564", "name": {"fi": "Oulu", "sv": "Uleåborg", "en": "Oulu"}},
    {"key": "297", "code": "297", "name": {"fi": "Kuopio", "sv": "Kuopio", "en": "Kuopio"}},
    {"key": "905", "code": "905", "name": {"fi": "Vaasa", "sv": "Vasa", "en": "Vaasa"}},
]

LANGUAGES = [
    {
        "key": "fi",
        "code": "fi",
        "native_name": "suomi",
        "name": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    },
    {
        "key": "sv",
        "code": "sv",
        "native_name": "svenska",
        "name": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    },
    {
        "key": "en",
        "code": "en",
        "native_name": "English",
        "name": {"fi": "englanti", "sv": "engelska", "en": "English"},
    },
    {
        "key": "ru",
        "code": "ru",
        "native_name": "русский",
        "name": {"fi": "venäjä", "sv": "ryska", "en": "Russian"},
    },
    {
        "key": "uk",
        "code": "uk",
        "native_name": "українська",
        "name": {"fi": "ukraina", "sv": "ukrainska", "en": "Ukrainian"},
    },
    {
        "key": "ar",
        "code": "ar",
        "native_name": "العربية",
        "name": {"fi": "arabia", "sv": "arabiska", "en": "Arabic"},
    },
    {
        "key": "so",
        "code": "so",
        "native_name": "Soomaali",
        "name": {"fi": "somali", "sv": "somaliska", "en": "Somali"},
    },
    {
        "key": "fa",
        "code": "fa",
        "native_name": "فارسی",
        "name": {"fi": "persia", "sv": "persiska", "en": "Persian"},
    },
    {
        "key": "th",
        "code": "th",
        "native_name": "ไทย",
        "name": {"fi": "thai", "sv": "thailändska", "en": "Thai"},
    },
    {
        "key": "vi",
        "code": "vi",
        "native_name": "Tiếng Việt",
        "name": {"fi": "vietnam", "sv": "vietnamesiska", "en": "Vietnamese"},
    },
    {
        "key": "ro",
        "code": "ro",
        "native_name": "română",
        "name": {"fi": "romania", "sv": "rumänska", "en": "Romanian"},
    },
    {
        "key": "es",
        "code": "es",
        "native_name": "español",
        "name": {"fi": "espanja", "sv": "spanska", "en": "Spanish"},
    },
]

SERVICE_CATEGORIES = [
    {
        "key": "crisis-help",
        "slug": "crisis-help",
        "name": {"fi": "Kriisiapu", "sv": "Krishjälp", "en": "Crisis help"},
    },
    {
        "key": "housing",
        "slug": "housing",
        "name": {
            "fi": "Asuminen ja turvallinen majoitus",
            "sv": "Boende och tryggt logi",
            "en": "Housing and safe accommodation",
        },
    },
    {
        "key": "health-care",
        "slug": "health-care",
        "name": {"fi": "Terveydenhuolto", "sv": "Hälso- och sjukvård", "en": "Health care"},
    },
    {
        "key": "psychological-support",
        "slug": "psychological-support",
        "name": {"fi": "Psyykkinen tuki", "sv": "Psykiskt stöd", "en": "Psychological support"},
    },
    {
        "key": "legal-advice",
        "slug": "legal-advice",
        "name": {"fi": "Oikeudellinen neuvonta", "sv": "Juridisk rådgivning", "en": "Legal advice"},
    },
    {
        "key": "social-services",
        "slug": "social-services",
        "name": {"fi": "Sosiaalipalvelut", "sv": "Socialservice", "en": "Social services"},
    },
    {
        "key": "income-support",
        "slug": "income-support",
        "name": {"fi": "Toimeentulo", "sv": "Försörjning", "en": "Income support"},
    },
    {
        "key": "employment",
        "slug": "employment",
        "name": {"fi": "Työ ja koulutus", "sv": "Arbete och utbildning", "en": "Work and training"},
    },
    {
        "key": "interpretation",
        "slug": "interpretation",
        "name": {"fi": "Tulkkaus", "sv": "Tolkning", "en": "Interpretation"},
    },
]

TARGET_GROUPS = [
    {
        "key": "victims-of-trafficking",
        "slug": "victims-of-trafficking",
        "name": {
            "fi": "Ihmiskaupan uhrit",
            "sv": "Offer för människohandel",
            "en": "Victims of human trafficking",
        },
    },
    {
        "key": "labour-exploitation",
        "slug": "labour-exploitation",
        "name": {
            "fi": "Työperäisen hyväksikäytön uhrit",
            "sv": "Offer för arbetsrelaterad exploatering",
            "en": "Victims of labour exploitation",
        },
    },
    {
        "key": "sexual-exploitation",
        "slug": "sexual-exploitation",
        "name": {
            "fi": "Seksuaalisen hyväksikäytön uhrit",
            "sv": "Offer för sexuell exploatering",
            "en": "Victims of sexual exploitation",
        },
    },
    {
        "key": "forced-marriage",
        "slug": "forced-marriage",
        "name": {
            "fi": "Pakkoavioliiton uhrit",
            "sv": "Offer för tvångsäktenskap",
            "en": "Victims of forced marriage",
        },
    },
    {
        "key": "young-people",
        "slug": "young-people",
        "name": {"fi": "Nuoret", "sv": "Unga", "en": "Young people"},
    },
    {
        "key": "undocumented",
        "slug": "undocumented",
        "name": {"fi": "Paperittomat", "sv": "Papperslösa", "en": "Undocumented people"},
    },
    {
        "key": "municipal-staff",
        "slug": "municipal-staff",
        "name": {
            "fi": "Kuntien työntekijät",
            "sv": "Kommunernas anställda",
            "en": "Municipal staff",
        },
    },
]

COURSE_THEMES = [
    {
        "key": "workers-rights",
        "slug": "workers-rights",
        "name": {
            "fi": "Työntekijän oikeudet",
            "sv": "Arbetstagarens rättigheter",
            "en": "Workers' rights",
        },
    },
    {
        "key": "job-seeking",
        "slug": "job-seeking",
        "name": {"fi": "Työnhaku", "sv": "Arbetssökande", "en": "Job seeking"},
    },
    {
        "key": "it-skills",
        "slug": "it-skills",
        "name": {"fi": "Tietotekniikan taidot", "sv": "IT-färdigheter", "en": "IT skills"},
    },
    {
        "key": "finnish-language",
        "slug": "finnish-language",
        "name": {"fi": "Suomen kieli", "sv": "Finska språket", "en": "Finnish language"},
    },
    {
        "key": "everyday-life",
        "slug": "everyday-life",
        "name": {
            "fi": "Arjen hallinta",
            "sv": "Vardagsfärdigheter",
            "en": "Managing everyday life",
        },
    },
    {
        "key": "networks",
        "slug": "networks",
        "name": {
            "fi": "Verkostojen rakentaminen",
            "sv": "Att bygga nätverk",
            "en": "Building a network",
        },
    },
]

# Each city: its key, web domain, name as an organisation, and the place as the name of
# its anti-trafficking network writes it (Finnish genitive, Swedish, English).
CITIES = [
    (
        "helsinki",
        "hel.fi",
        {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "City of Helsinki"},
        ("Helsingin", "Helsingfors", "Helsinki"),
    ),
    (
        "espoo",
        "espoo.fi",
        {"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"},
        ("Espoon", "Esbo", "Espoo"),
    ),
    (
        "vantaa",
        "vantaa.fi",
        {"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"},
        ("Vantaan", "Vanda", "Vantaa"),
    ),
    (
        "turku",
        "turku.fi",
        {"fi": "Turun kaupunki", "sv": "Åbo stad", "en": "City of Turku"},
        ("Turun", "Åbo", "Turku"),
    ),
    (
        "tampere",
        "tampere.fi",
        {"fi": "Tampereen kaupunki", "sv": "Tammerfors stad", "en": "City of Tampere"},
        ("Tampereen", "Tammerfors", "Tampere"),
    ),
    (
        "oulu",
        "ouka.fi",
        {"fi": "Oulun kaupunki", "sv": "Uleåborgs stad", "en": "City of Oulu"},
        ("Oulun", "Uleåborg", "Oulu"),
    ),
    (
        "vaasa",
        "vaasa.fi",
        {"fi": "Vaasan kaupunki", "sv": "Vasa stad", "en": "City of Vaasa"},
        ("Vaasan", "Vasa", "Vaasa"),
    ),
    (
        "kuopio",
        "kuopio.fi",
        {"fi": "Kuopion kaupunki", "sv": "Kuopio stad", "en": "City of Kuopio"},
        ("Kuopion", "Kuopio", "Kuopio"),
    ),
]

# The wellbeing services counties that run the social services of the demo's cities since 1
# January 2023, Helsinki's excepted: its key, web domain and name.
WELLBEING_SERVICES_COUNTIES = [
    (
        "western-uusimaa",
        "luvn.fi",
        {
            "fi": "Länsi-Uudenmaan hyvinvointialue",
            "sv": "Västra Nylands välfärdsområde",
            "en": "Western Uusimaa Wellbeing Services County",
        },
    ),
    (
        "vantaa-kerava",
        "vakehyva.fi",
        {
            "fi": "Vantaan ja Keravan hyvinvointialue",
            "sv": "Vanda och Kervo välfärdsområde",
            "en": "Vantaa and Kerava Wellbeing Services County",
        },
    ),
    (
        "southwest-finland",
        "varha.fi",
        {
            "fi": "Varsinais-Suomen hyvinvointialue",
            "sv": "Egentliga Finlands välfärdsområde",
            "en": "Wellbeing Services County of Southwest Finland",
        },
    ),
    (
        "pirkanmaa",
        "pirha.fi",
        {
            "fi": "Pirkanmaan hyvinvointialue",
            "sv": "Birkalands välfärdsområde",
            "en": "Pirkanmaa Wellbeing Services County",
        },
    ),
    (
        "north-ostrobothnia",
        "pohde.fi",
        {
            "fi": "Pohjois-Pohjanmaan hyvinvointialue",
            "sv": "Norra Österbottens välfärdsområde",
            "en": "North Ostrobothnia Wellbeing Services County",
        },
    ),
    (
        "ostrobothnia",
        "pohjanmaanhyvinvointi.fi",
        {
            "fi": "Pohjanmaan hyvinvointialue",
            "sv": "Österbottens välfärdsområde",
            "en": "Ostrobothnia Wellbeing Services County",
        },
    ),
    (
        "north-savo",
        "pshyvinvointialue.fi",
        {
            "fi": "Pohjois-Savon hyvinvointialue",
            "sv": "Norra Savolax välfärdsområde",
            "en": "North Savo Wellbeing Services County",
        },
    ),
]

#: Every public organisation's web domain, by its key.
DOMAINS = {
    **{key: domain for key, domain, _names, _place in CITIES},
    **{key: domain for key, domain, _names in WELLBEING_SERVICES_COUNTIES},
}

ORGANISATIONS = [
    {
        "key": "assistance-system",
        "kind": "state_authority",
        "name": {
            "fi": "Ihmiskaupan uhrien auttamisjärjestelmä",
            "sv": "Hjälpsystemet för offer för människohandel",
            "en": "National Assistance System for Victims of Human Trafficking",
        },
        "description": {
            "fi": "Valtion viranomainen, joka auttaa ihmiskaupan uhreja koko Suomessa. "
            "Palvelut ovat maksuttomia ja luottamuksellisia.",
            "sv": "En statlig myndighet som hjälper offer för människohandel i hela Finland. "
            "Tjänsterna är avgiftsfria och konfidentiella.",
            "en": "The state authority that assists victims of human trafficking all over "
            "Finland. Its services are free and confidential.",
        },
        "website": "https://www.ihmiskauppa.fi/",
        "phone": "+358295463177",
    },
    {
        "key": "victim-support-finland",
        "kind": "ngo",
        "name": {
            "fi": "Rikosuhripäivystys (RIKU)",
            "sv": "Brottsofferjouren (RIKU)",
            "en": "Victim Support Finland (RIKU)",
        },
        "description": {
            "fi": "Järjestö, joka tukee rikoksen uhreja, heidän läheisiään ja todistajia.",
            "sv": "En organisation som stöder brottsoffer, deras närstående och vittnen.",
            "en": "An organisation supporting victims of crime, their families and witnesses.",
        },
        "website": "https://www.riku.fi/",
        "phone": "116006",
    },
    {
        "key": "monika",
        "kind": "ngo",
        "name": {
            "fi": "Monika-Naiset liitto",
            "sv": "MONIKA – Mångkulturella kvinnoförbundet",
            "en": "MONIKA – Multicultural Women's Association",
        },
        "description": {
            "fi": "Järjestö, joka tukee väkivaltaa kokeneita maahanmuuttajanaisia.",
            "sv": "En organisation som stöder invandrarkvinnor som har utsatts för våld.",
            "en": "An organisation supporting immigrant women who have experienced violence.",
        },
        "website": "https://monikanaiset.fi/",
    },
    *(
        {
            "key": city,
            "kind": "municipality",
            "name": names,
            "website": f"https://www.{domain}/",
        }
        for city, domain, names, _place in CITIES
    ),
    *(
        {
            "key": county,
            "kind": "wellbeing_services_county",
            "name": names,
            "website": f"https://www.{domain}/",
        }
        for county, domain, names in WELLBEING_SERVICES_COUNTIES
    ),
    *(
        {
            "key": f"{city}-network",
            "kind": "local_network",
            "parent": city,
            "name": {
                "fi": f"{fi} ihmiskaupan vastainen verkosto",
                "sv": f"Nätverket mot människohandel i {sv}",
                "en": f"{en} anti-trafficking network",
            },
            "description": {
                "fi": "Kaupungin, viranomaisten ja järjestöjen yhteistyöverkosto, joka "
                "tunnistaa ja auttaa ihmiskaupan uhreja.",
                "sv": "Ett samarbetsnätverk för staden, myndigheter och organisationer som "
                "identifierar och hjälper offer för människohandel.",
                "en": "A network of the city, authorities and organisations that identifies "
                "and helps victims of human trafficking.",
            },
        }
        for city, _domain, _names, (fi, sv, en) in CITIES
    ),
]

# Where each city's social services receive people; services and courses both meet there.
# (key, the organisation that runs them, municipality code, postcode, street, latitude,
# longitude): a wellbeing services county since 2023, the city itself in Helsinki.
CITY_OFFICES = [
    ("helsinki", "helsinki", "091", "00530", "Toinen linja 4", 60.1841, 24.9480),
    ("espoo", "western-uusimaa", "049", "02600", "Leppävaarankatu 3", 60.2190, 24.8130),
    ("vantaa", "vantaa-kerava", "092", "01300", "Asematie 10", 60.2925, 25.0440),
    ("turku", "southwest-finland", "853", "20100", "Aurakatu 8", 60.4518, 22.2666),
    ("tampere", "pirkanmaa", "837", "33100", "Hämeenkatu 13", 61.4978, 23.7610),
    ("oulu", "north-ostrobothnia", "564", "90100", "Torikatu 10", 65.0121, 25.4651),
    ("vaasa", "ostrobothnia", "905", "65100", "Kirkkopuistikko 24", 63.0951, 21.6165),
    ("kuopio", "north-savo", "297", "70100", "Suokatu 42", 62.8924, 27.6770),
]
