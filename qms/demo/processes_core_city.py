"""The demo's other core processes (P-08 to P-11): civil status, planning and building, the
environment, complaints and requests."""

from qms.models import ProcessKind

from .cards import CHANCE, GTE, LTE, RISK, H, Measure, ProcessCard, Q, Risk

PROCESSES = [
    ProcessCard(
        "P-08",
        "Rejestracja stanu cywilnego",
        ProcessKind.CORE,
        None,
        ["USC"],
        "Rejestracja urodzeń, małżeństw i zgonów oraz wydawanie odpisów aktów stanu cywilnego "
        "zgodnie z ustawą Prawo o aktach stanu cywilnego.",
        "Sporządzanie aktów, przyjmowanie zapewnień i oświadczeń, śluby cywilne, transkrypcja "
        "zagranicznych dokumentów, wydawanie odpisów i zaświadczeń.",
        [
            "Zgłoszenia urodzeń i zgonów",
            "Zapewnienia o braku przeszkód do zawarcia małżeństwa",
            "Zagraniczne akty stanu cywilnego",
            "Wnioski o odpisy aktów",
        ],
        [
            "Akty stanu cywilnego w rejestrze BUSC",
            "Odpisy zupełne i skrócone",
            "Zaświadczenia",
            "Decyzje Kierownika USC",
        ],
        ["Mieszkańcy i ich rodziny", "Sądy i inne urzędy", "Konsulowie"],
        [
            "System Rejestrów Państwowych",
            "Sala ślubów",
            "Kierownik USC i zastępcy",
        ],
        ["P-04", "P-05", "P-15"],
        [
            Risk(
                RISK,
                "Błąd w akcie stanu cywilnego wymagający sprostowania",
                2,
                3,
                "Sprawdzanie aktu przez drugą osobę przed podpisaniem.",
                6,
            ),
            Risk(
                CHANCE,
                "Śluby cywilne poza Urzędem w ciekawych miejscach miasta",
                2,
                2,
                "Lista miejsc uzgodniona z zarządcami obiektów (np. Sztolnia Królowa Luiza).",
                12,
            ),
        ],
        [Measure("Odpisy wydane w dniu złożenia wniosku", GTE, "95", "%", Q, [97, 96, 94, 98, 99])],
    ),
    ProcessCard(
        "P-09",
        "Planowanie przestrzenne i budownictwo",
        ProcessKind.CORE,
        None,
        ["WAB"],
        "Kształtowanie ładu przestrzennego miasta oraz rozstrzyganie spraw budowlanych zgodnie z "
        "prawem i planami miejscowymi.",
        "Miejscowe plany zagospodarowania przestrzennego, decyzje o warunkach zabudowy, "
        "pozwolenia na budowę i rozbiórkę, zgłoszenia robót budowlanych.",
        [
            "Wnioski o pozwolenie na budowę i warunki zabudowy",
            "Projekty budowlane",
            "Plan ogólny i plany miejscowe",
            "Uzgodnienia i opinie",
        ],
        [
            "Pozwolenia na budowę",
            "Decyzje o warunkach zabudowy",
            "Projekty planów miejscowych",
            "Wypisy i wyrysy z planów",
        ],
        [
            "Inwestorzy",
            "Mieszkańcy i właściciele nieruchomości",
            "Rada Miasta",
            "Powiatowy Inspektor Nadzoru Budowlanego",
        ],
        [
            "System informacji przestrzennej (GIS)",
            "Architekt Miasta i urbaniści",
            "Pracownicy Wydziału Architektury i Budownictwa",
        ],
        ["P-05", "P-10"],
        [
            Risk(
                RISK,
                "Przekroczenie 65-dniowego terminu na pozwolenie na budowę (kara)",
                3,
                4,
                "Rejestr terminów z ostrzeżeniem po 45 dniach; zastępstwa w okresie urlopów.",
                3,
            ),
            Risk(
                RISK,
                "Zaskarżenie planu miejscowego do sądu administracyjnego",
                2,
                4,
                "Konsultacje społeczne ponad wymagane minimum; opinia radcy prawnego.",
                8,
            ),
        ],
        [
            Measure(
                "Pozwolenia na budowę wydane w terminie 65 dni",
                GTE,
                "100",
                "%",
                Q,
                [98, 100, 100, 96, 100, 100, 99],
            )
        ],
    ),
    ProcessCard(
        "P-10",
        "Ochrona środowiska",
        ProcessKind.CORE,
        None,
        ["WOS"],
        "Ochrona środowiska naturalnego miasta i prowadzenie postępowań środowiskowych zgodnie z "
        "przepisami.",
        "Zezwolenia na usunięcie drzew, decyzje o środowiskowych uwarunkowaniach, gospodarka "
        "odpadami, dotacje do wymiany źródeł ciepła, edukacja ekologiczna.",
        [
            "Wnioski o usunięcie drzew i decyzje środowiskowe",
            "Wnioski o dotację na wymianę pieców",
            "Zgłoszenia interwencyjne mieszkańców",
            "Program ochrony powietrza",
        ],
        [
            "Zezwolenia i decyzje środowiskowe",
            "Umowy dotacyjne",
            "Protokoły oględzin i kontroli",
            "Sprawozdania dla WIOŚ i Marszałka Województwa",
        ],
        [
            "Mieszkańcy",
            "Przedsiębiorcy",
            "Regionalna Dyrekcja Ochrony Środowiska",
            "Wojewódzki Inspektorat Ochrony Środowiska",
        ],
        [
            "Pracownicy Wydziału Ochrony Środowiska",
            "Środki z budżetu miasta i z WFOŚiGW",
            "Samochód służbowy do oględzin",
        ],
        ["P-05", "P-09", "P-14"],
        [
            Risk(
                RISK,
                "Niewykorzystanie środków na wymianę pieców",
                3,
                3,
                "Kampania informacyjna jesienią; pomoc w wypełnianiu wniosków w BOM.",
                4,
            ),
            Risk(
                CHANCE,
                "Pozyskanie dodatkowych środków z WFOŚiGW",
                4,
                4,
                "Wniosek o dofinansowanie w najbliższym naborze.",
                2,
            ),
        ],
        [Measure("Zlikwidowane piece węglowe", GTE, "150", "szt.", H, [120, 165, 140, 180, 210])],
    ),
    ProcessCard(
        "P-11",
        "Skargi i wnioski",
        ProcessKind.CORE,
        "owner",
        ["WO", "BOM"],
        "Rzetelne i terminowe rozpatrywanie skarg, wniosków i petycji oraz wykorzystywanie ich "
        "do doskonalenia pracy Urzędu.",
        "Przyjmowanie, rejestrowanie, rozpatrywanie i analiza skarg, wniosków i petycji "
        "kierowanych do Prezydenta Miasta i Rady Miasta.",
        [
            "Skargi, wnioski i petycje",
            "Wyjaśnienia komórek organizacyjnych",
            "Przepisy działu VIII KPA i ustawy o petycjach",
        ],
        [
            "Odpowiedzi dla skarżących",
            "Rejestr skarg i wniosków",
            "Półroczna analiza skarg dla kierownictwa",
            "Wnioski o działania korygujące",
        ],
        [
            "Mieszkańcy",
            "Rada Miasta (Komisja Skarg, Wniosków i Petycji)",
            "Prezydent Miasta",
        ],
        [
            "Stanowisko ds. skarg i wniosków w Wydziale Organizacyjnym",
            "System EZD",
            "Radca prawny",
        ],
        ["P-02", "P-04", "P-05"],
        [
            Risk(
                RISK,
                "Rozpatrzenie skargi po terminie 30 dni",
                2,
                3,
                "Rejestr skarg z terminami; przypomnienie dla komórki po 14 dniach.",
                5,
            ),
            Risk(
                RISK,
                "Powtarzające się skargi na tę samą komórkę bez analizy przyczyn",
                3,
                4,
                "Półroczna analiza skarg; przy trzech skargach na tę samą sprawę karta "
                "niezgodności.",
                1,
            ),
        ],
        [
            Measure(
                "Skargi rozpatrzone w terminie", GTE, "100", "%", Q, [100, 95, 100, 100, 92, 100]
            ),
            Measure("Skargi uznane za zasadne", LTE, "10", "%", H, [12, 8, 9, 11]),
        ],
    ),
]
