"""The demo's yearly audit programmes and the second internal auditor of their teams.

The programmes are those of the current year and the two before it (2024–2026 when loaded in
2026), keyed by their year offset from the day of loading.
"""

# A second internal auditor, so that audit teams are realistic. Not a demo account: nobody signs
# in as her (unusable password), she only appears in teams, answers and verifications.
SECOND_AUDITOR = ("audytor2", "Marta", "Kowalczyk", "USC", "Inspektor, audytor wewnętrzny SZJ")

APPROVED_BY = "Prezydent Miasta Zabrze"
STANDARD = "PN-EN ISO 9001:2015-10"

# year offset (0: the current year) -> objectives of the programme
PROGRAMMES = {
    -2: (
        "Potwierdzenie skuteczności SZJ przed audytem ponownej certyfikacji; sprawdzenie "
        "nadzoru nad dokumentacją po zmianie regulaminu organizacyjnego; audyt procesów "
        "obsługi mieszkańców, podatków, zamówień publicznych i kadr."
    ),
    -1: (
        "Audyt procesów zarządczych po ponownej certyfikacji; ocena terminowości załatwiania "
        "spraw i rozpatrywania skarg; objęcie audytem procesów nieaudytowanych w poprzednim "
        "roku cyklu certyfikacji."
    ),
    0: (
        "Sprawdzenie skuteczności działań korygujących z poprzedniego roku (skargi i wnioski, "
        "obsługa mieszkańców); audyt procesów jeszcze nieaudytowanych w cyklu certyfikacji; "
        "przygotowanie do audytu ponownej certyfikacji."
    ),
}
