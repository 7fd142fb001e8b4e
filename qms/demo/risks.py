"""The plans for the demo's risks and opportunities (ISO 9001 6.1): who sees to the actions, by
when, and for some, whether they worked, as a city hall's process owners would have written it.

Keyed by the process's code and the risk's description (qms/demo/processes_*.py). Each entry:
(the person who sees to the actions, months from the day of loading to their due date (negative:
already due), and None or the evaluation: (effectiveness, note, months ago)). A risk not named
here has no plan yet. An evaluated risk's actions were due before it was evaluated.
"""

from qms.models import RiskEffectiveness

EFFECTIVE = RiskEffectiveness.EFFECTIVE
NOT_EFFECTIVE = RiskEffectiveness.NOT_EFFECTIVE

PLANS = {
    ("P-01", "Niewystarczające zaangażowanie kierowników komórek w utrzymanie SZJ"): (
        "coordinator",
        -8,
        (
            EFFECTIVE,
            "Kierownicy komórek omawiają cele jakościowe na kwartalnych naradach u Sekretarza "
            "Miasta; frekwencja na szkoleniach z SZJ wzrosła z 60 % do 92 %.",
            5,
        ),
    ),
    ("P-02", "Niedotrzymywanie terminów działań korygujących przez komórki"): (
        "coordinator",
        -4,
        (
            NOT_EFFECTIVE,
            "Przypomnienia e-mailowe nie wystarczyły: 7 z 19 działań korygujących nadal po "
            "terminie. Sprawa trafia na przegląd zarządzania; proponujemy omawianie zaległych "
            "działań na naradzie kierowników.",
            1,
        ),
    ),
    ("P-02", "Zbyt mała liczba przeszkolonych audytorów wewnętrznych"): ("coordinator", 5, None),
    ("P-03", "Nierozpoznanie ryzyka wynikającego ze zmian w przepisach"): ("coordinator", -1, None),
    ("P-04", "Długie kolejki w okresach szczytu (np. składanie deklaracji podatkowych)"): (
        "owner",
        -10,
        (
            EFFECTIVE,
            "W styczniu i lutym uruchomiono dwa dodatkowe stanowiska w Biurze Obsługi "
            "Mieszkańców; średni czas oczekiwania spadł z 38 do 12 minut.",
            7,
        ),
    ),
    ("P-04", "Awaria systemu kolejkowego lub EZD"): ("owner", 3, None),
    ("P-04", "Umawianie wizyt przez internet"): ("owner", 2, None),
    ("P-05", "Przekroczenie terminu załatwienia sprawy (bezczynność organu)"): (
        "owner",
        -6,
        (
            NOT_EFFECTIVE,
            "Cotygodniowy wykaz spraw zbliżających się do terminu nie objął spraw prowadzonych "
            "poza EZD; w II kwartale trzy ponaglenia do SKO. Wykaz zostanie rozszerzony o "
            "rejestry papierowe.",
            2,
        ),
    ),
    ("P-05", "Uchylenie decyzji przez SKO z powodu błędów proceduralnych"): ("owner", 4, None),
    ("P-07", "Awaria systemu CEPiK uniemożliwiająca rejestrację pojazdów"): (
        "employee",
        -2,
        None,
    ),
    ("P-09", "Przekroczenie 65-dniowego terminu na pozwolenie na budowę (kara)"): (
        "employee",
        -9,
        (
            EFFECTIVE,
            "Od wprowadzenia kontroli terminów w EZD żadne pozwolenie na budowę nie zostało "
            "wydane po 65 dniach; Wojewoda nie nałożył kary.",
            6,
        ),
    ),
    ("P-11", "Powtarzające się skargi na tę samą komórkę bez analizy przyczyn"): ("owner", 1, None),
    ("P-12", "Odejście doświadczonych pracowników i utrata wiedzy"): ("owner", 6, None),
    ("P-15", "Atak ransomware szyfrujący dane Urzędu"): (
        "coordinator",
        -3,
        (
            EFFECTIVE,
            "Kopie zapasowe offline odtworzono w teście w 6 godzin; wszyscy pracownicy przeszli "
            "szkolenie z rozpoznawania phishingu, a testowa kampania wykazała 3 % kliknięć.",
            1,
        ),
    ),
    ("P-16", "Dokumenty nieprzejrzane w wyznaczonym terminie"): ("coordinator", -1, None),
}
