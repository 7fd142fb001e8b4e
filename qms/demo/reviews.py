"""The demo's management reviews (ISO 9001 9.3): last year's, held in December, approved by the
mayor (the `manager` account), with the office's commentary on every input and the actions
decided (some closed since, some open, one past its deadline); and this year's, a draft whose
inputs have been gathered, its first section reporting on last year's actions.

Each action: kind, decision, owner (a demo account), and when it is due, as "closed" (done before
today), "overdue" (due before today and still open) or "open" (due after today); a closed one has
its closing note.
"""

from qms.models import ReviewOutput

PARTICIPANTS = "\n".join(
    [
        "Prezydent Miasta – przewodniczący przeglądu",
        "Sekretarz Miasta",
        "Pełnomocnik Prezydenta ds. Systemu Zarządzania Jakością",
        "Skarbnik Miasta",
        "Naczelnik Wydziału Organizacyjnego",
        "Naczelnik Wydziału Komunikacji",
        "Kierownik Biura Obsługi Mieszkańców",
        "Kierownik Urzędu Stanu Cywilnego",
    ]
)

CONCLUSIONS = (
    "System zarządzania jakością jest przydatny, adekwatny i skuteczny. Cele jakościowe w "
    "większości osiągnięto, niezgodności z auditów są usuwane w terminie, a zadowolenie "
    "mieszkańców utrzymuje się na wysokim poziomie. Wymaga wzmocnienia obsada Wydziału "
    "Komunikacji oraz terminowość przeglądu dokumentacji."
)

COMMENTARY = {
    "previous_actions": (
        "Działania z poprzedniego przeglądu zrealizowano w większości; niezrealizowane "
        "przeniesiono z nowym terminem i uzasadnieniem."
    ),
    "context": (
        "Zmiany w przepisach o doręczeniach elektronicznych i rosnące oczekiwania mieszkańców co "
        "do e-usług to główne zmiany otoczenia. Zmiana klimatu pozostaje istotna: fale upałów "
        "wpływają na warunki obsługi w Biurze Obsługi Mieszkańców."
    ),
    "satisfaction": (
        "Wskaźnik zadowolenia mieszkańców pozostaje wysoki. Uwagi dotyczą głównie czasu "
        "oczekiwania w Wydziale Komunikacji; skargi i wnioski rozpatrzono w terminie."
    ),
    "objectives": (
        "Większość celów jakościowych osiągnięto. Cel dotyczący czasu rejestracji pojazdu nie "
        "został osiągnięty z powodu wakatów – przeniesiono go na kolejny rok."
    ),
    "processes": (
        "Mierniki procesów w większości spełniają cele. Odchylenia dotyczą terminowości w "
        "procesie P-05 w okresie urlopowym."
    ),
    "nonconformities": (
        "Niezgodności z auditów wewnętrznych dotyczyły nieaktualnych formularzy i braku "
        "potwierdzeń zapoznania się z procedurami. Działania korygujące są w toku lub zamknięte "
        "po weryfikacji skuteczności."
    ),
    "monitoring": (
        "Terminowość przeglądu dokumentów wymaga poprawy; potwierdzenia zapoznania się z "
        "dokumentami rosną po wdrożeniu przypomnień w portalu."
    ),
    "audits": (
        "Program auditów wewnętrznych zrealizowano. Audit nadzoru jednostki certyfikującej "
        "zakończył się wynikiem pozytywnym, bez niezgodności."
    ),
    "providers": (
        "Jednostka certyfikująca działa rzetelnie i terminowo. Dostawcy usług informatycznych "
        "i sprzątania oceniani są w corocznej ocenie dostawców – bez zastrzeżeń."
    ),
    "resources": (
        "Zasoby są co do zasady wystarczające. Brakuje dwóch etatów w Wydziale Komunikacji oraz "
        "nowego serwera dla systemu kolejkowego."
    ),
    "risks": (
        "Działania wobec ryzyk wysokich (awaria systemów, wakaty) są skuteczne tylko częściowo; "
        "ryzyko wakatów pozostaje wysokie."
    ),
    "improvement": (
        "Szanse: rezerwacja wizyt przez internet, e-doręczenia, rozszerzenie ankiety o kod QR "
        "na stanowiskach obsługi."
    ),
}

LAST_YEARS_ACTIONS = [
    (
        ReviewOutput.RESOURCES,
        "Zatrudnić dwóch pracowników w Wydziale Komunikacji.",
        "coordinator",
        "overdue",
        "",
    ),
    (
        ReviewOutput.IMPROVEMENT,
        "Wdrożyć rezerwację wizyt przez internet w Biurze Obsługi Mieszkańców.",
        "owner",
        "closed",
        "Rezerwacja działa od wiosny; z usługi korzysta co trzeci klient.",
    ),
    (
        ReviewOutput.QMS_CHANGE,
        "Włączyć ocenę ryzyka klimatycznego do rejestru kontekstu i ryzyk procesów.",
        "coordinator",
        "closed",
        "Rejestr kontekstu uzupełniono; ryzyka upałów dopisano do procesów obsługi.",
    ),
    (
        ReviewOutput.IMPROVEMENT,
        "Rozszerzyć ankietę satysfakcji o kod QR na stanowiskach obsługi.",
        "owner",
        "closed",
        "Plakaty z kodem QR stoją na wszystkich stanowiskach; liczba ankiet wzrosła.",
    ),
    (
        ReviewOutput.RESOURCES,
        "Zakupić nowy serwer dla systemu kolejkowego.",
        "coordinator",
        "open",
        "",
    ),
    (
        ReviewOutput.QMS_CHANGE,
        "Skrócić cykl przeglądu dokumentów z trzech lat do dwóch.",
        "owner",
        "open",
        "",
    ),
]
