"""The certification body, the office's certificates since 2008 and the external audits.

Facts from the office's public "Zarządzanie Jakością" page are kept exactly (the 2021
recertification audit, the standard, the scope and the strengths the auditors named); what the
page does not say (certificate numbers, the certification body, the other audits) is invented.
"""

import datetime

from certificates.models import AuditKind

D = datetime.date
SCOPE = "wykonywanie przez Urząd Miejski w Zabrzu zadań z zakresu administracji publicznej"
STANDARD_2015 = "PN-EN ISO 9001:2015-10"

BODY = {
    "name": "CERT-POL Jednostka Certyfikująca Sp. z o.o.",
    "accreditation": "PCA, nr AC 999",
    "address": "ul. Przykładowa 1\n00-001 Warszawa",
}

# The strengths named by the audit team in June 2021, as the office published them.
STRENGTHS_2021 = "\n".join(
    [
        "nieustające zaangażowanie Kierownictwa w działania projakościowe oraz proklienckie",
        "zaangażowanie osób bezpośrednio odpowiedzialnych za ciągłe doskonalenie "
        "i funkcjonowanie Systemu Zarządzania Jakością",
        "kompleksowo zdefiniowany kontekst organizacji oraz zainteresowane strony",
        "wymagania stawiane wobec pracowników oraz wynikająca z tego mobilizacja "
        "do podnoszenia kwalifikacji",
    ]
)


# (number, standard, issued, valid from, valid until)
CERTIFICATES = [
    ("PL-QMS-0142/2008", "PN-EN ISO 9001:2001", D(2008, 7, 10), D(2008, 7, 14), D(2011, 7, 13)),
    ("PL-QMS-0142/2011", "PN-EN ISO 9001:2009", D(2011, 7, 8), D(2011, 7, 14), D(2014, 7, 13)),
    ("PL-QMS-0142/2014", "PN-EN ISO 9001:2009", D(2014, 7, 9), D(2014, 7, 14), D(2017, 7, 13)),
    # Transition to the 2015 edition; extended by a year in 2020 under the pandemic rules.
    ("PL-QMS-0142/2017", STANDARD_2015, D(2017, 7, 7), D(2017, 7, 14), D(2021, 7, 13)),
    ("PL-QMS-0142/2021", STANDARD_2015, D(2021, 7, 5), D(2021, 7, 14), D(2024, 7, 13)),
    ("PL-QMS-0142/2024", STANDARD_2015, D(2024, 7, 8), D(2024, 7, 14), D(2027, 7, 13)),
]

# (kind, first day, last day, lead auditor, certificate number, summary, strengths, improvements)
AUDITS = [
    (
        AuditKind.CERTIFICATION,
        D(2008, 6, 2),
        D(2008, 6, 5),
        "Tomasz Przykładowy",
        "PL-QMS-0142/2008",
        "Audyt certyfikujący potwierdził wdrożenie systemu zarządzania jakością w Urzędzie.",
        "",
        "",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2017, 6, 5),
        D(2017, 6, 8),
        "Ewa Przykładowa",
        "PL-QMS-0142/2017",
        "System przeszedł na wymagania normy w wydaniu z 2015 roku.",
        "podejście procesowe opisane w mapie procesów i kartach procesów",
        "analiza ryzyka w procesach wspierających",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2021, 6, 8),
        D(2021, 6, 11),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Audyt ponownej certyfikacji ocenił, czy system zarządzania jakością Urzędu nadal spełnia "
        "wymagania normy PN-EN ISO 9001:2015-10. Zakończył się wynikiem pozytywnym, a Urząd "
        "otrzymał certyfikat na kolejne 3 lata.",
        STRENGTHS_2021,
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2022, 6, 13),
        D(2022, 6, 14),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Pierwszy audyt nadzoru po ponownej certyfikacji.",
        "sprawna obsługa klientów w Biurze Obsługi Mieszkańców",
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2023, 6, 12),
        D(2023, 6, 13),
        "Ewa Przykładowa",
        "PL-QMS-0142/2021",
        "Drugi audyt nadzoru potwierdził utrzymanie certyfikatu.",
        "",
        "",
    ),
    (
        AuditKind.RECERTIFICATION,
        D(2024, 6, 10),
        D(2024, 6, 13),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Urząd otrzymał certyfikat na kolejny trzyletni okres.",
        "monitorowanie satysfakcji mieszkańców i wykorzystanie wyników w doskonaleniu usług",
        "aktualizacja dokumentacji po zmianach w strukturze organizacyjnej",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2025, 6, 16),
        D(2025, 6, 17),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Audyt nadzoru potwierdził utrzymanie certyfikatu.",
        "",
        "",
    ),
    (
        AuditKind.SURVEILLANCE,
        D(2026, 6, 15),
        D(2026, 6, 16),
        "Piotr Przykładowy",
        "PL-QMS-0142/2024",
        "Drugi audyt nadzoru w cyklu certyfikacji zakończył się wynikiem pozytywnym.",
        "cyfrowa obsługa spraw i krótki czas odpowiedzi na wnioski mieszkańców",
        "analiza przyczyn niezgodności z audytów wewnętrznych",
    ),
]
