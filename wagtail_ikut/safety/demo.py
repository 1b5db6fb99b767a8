"""The demo's "staying safe online" page: the package's advice, with a word on where to get help."""

PAGE = {
    "key": "staying-safe-online",
    "slug": {"fi": "turvallisesti-verkossa", "sv": "sakert-pa-natet", "en": "staying-safe-online"},
    "title": {
        "fi": "Turvallisesti verkossa",
        "sv": "Säkert på nätet",
        "en": "Staying safe online",
    },
    "intro": {
        "fi": "<p>Jos joku voi seurata, mitä luet, näillä ohjeilla käyntisi jättää vähemmän "
        "jälkiä. Voit kysyä neuvoa myös tukipalveluista, jotka löydät palveluhakemistosta.</p>",
        "sv": "<p>Om någon kan se vad du läser lämnar ditt besök färre spår med de här råden. "
        "Du kan också be om råd hos stödtjänsterna i tjänstekatalogen.</p>",
        "en": "<p>If someone may see what you read, this advice helps your visit leave fewer "
        "traces. The support services in the service directory can advise you too.</p>",
    },
}
