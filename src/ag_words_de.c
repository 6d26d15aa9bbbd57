/*
 * ag_words_de.c - the gate's words in German (README, "Error pages",
 * "Languages"): the same information and actions as ag_words_en.c, for
 * the same audiences, written for a German reader.  Formal address
 * ("Sie"); the terms: anmelden / Anmeldung, Benutzername, Passwort,
 * Zugriffstoken, die Betreiber dieser Website.
 */
#include "ag_words_lang.h"

static const ag_reason_words_t reasons[AG_REASON_COUNT] = {
    [AG_REASON_NO_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Bitte melden Sie sich an",
            "Diese Seite ist nur für angemeldete Personen zugänglich.",
            "Laden Sie die Seite neu; Ihr Browser fragt dann nach "
            "Benutzername und Passwort." },
        [AG_TO_PERSON_TOKEN] = {
            "Sie benötigen ein Zugriffstoken",
            "Diese Seite ist nur für Apps und Skripte zugänglich, die ein "
            "Zugriffstoken vorweisen.",
            "Wenn Sie Zugang benötigen, bitten Sie die Betreiber dieser "
            "Website um ein Zugriffstoken." },
        [AG_TO_APP] = {
            "Anmeldung erforderlich",
            "Diese Ressource ist nur für Clients zugänglich, die sich "
            "anmelden.",
            "Senden Sie mit der Anfrage Benutzername und Passwort per "
            "HTTP-Basic-Authentifizierung." },
        [AG_TO_APP_TOKEN] = {
            "Sie benötigen ein Zugriffstoken",
            "Diese Ressource ist nur für Clients zugänglich, die ein "
            "Zugriffstoken vorweisen.",
            "Senden Sie mit der Anfrage ein Zugriffstoken im Header "
            "Authorization: Bearer." },
        [AG_TO_APP_EITHER] = {
            "Anmeldung erforderlich",
            "Diese Ressource ist nur für Clients zugänglich, die sich "
            "anmelden.",
            "Senden Sie mit der Anfrage Benutzername und Passwort "
            "(HTTP-Basic-Authentifizierung) oder ein Zugriffstoken (im "
            "Header Authorization: Bearer)." } },
        "Melden Sie sich an, um fortzufahren.",
        "Geben Sie unten Ihren Benutzernamen und Ihr Passwort ein." },
    [AG_REASON_UNSUPPORTED_SCHEME] = { {
        [AG_TO_PERSON] = {
            "Bitte melden Sie sich an",
            "Ihr Browser oder Ihre App hat eine Anmeldemethode verwendet, "
            "die diese Seite nicht akzeptiert.",
            "Laden Sie die Seite neu; Ihr Browser fragt dann nach "
            "Benutzername und Passwort." },
        [AG_TO_PERSON_TOKEN] = {
            "Sie benötigen ein Zugriffstoken",
            "Ihr Browser oder Ihre App hat eine Anmeldemethode verwendet, "
            "die diese Seite nicht akzeptiert: Sie nimmt nur "
            "Zugriffstoken an.",
            "Wenn Sie Zugang benötigen, bitten Sie die Betreiber dieser "
            "Website um ein Zugriffstoken." },
        [AG_TO_APP] = {
            "Anmeldung erforderlich",
            "Die Anfrage verwendet ein Authentifizierungsverfahren, das "
            "diese Ressource nicht akzeptiert.",
            "Senden Sie stattdessen Benutzername und Passwort per "
            "HTTP-Basic-Authentifizierung." },
        [AG_TO_APP_TOKEN] = {
            "Sie benötigen ein Zugriffstoken",
            "Die Anfrage verwendet ein Authentifizierungsverfahren, das "
            "diese Ressource nicht akzeptiert.",
            "Senden Sie stattdessen ein Zugriffstoken im Header "
            "Authorization: Bearer." },
        [AG_TO_APP_EITHER] = {
            "Anmeldung erforderlich",
            "Die Anfrage verwendet ein Authentifizierungsverfahren, das "
            "diese Ressource nicht akzeptiert.",
            "Verwenden Sie stattdessen HTTP-Basic-Authentifizierung "
            "(Benutzername und Passwort) oder den Header Authorization: "
            "Bearer (ein Zugriffstoken)." } },
        "Melden Sie sich an, um fortzufahren.",
        "Geben Sie unten Ihren Benutzernamen und Ihr Passwort ein." },
    [AG_REASON_MALFORMED_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Ihre Anmeldedaten konnten nicht gelesen werden",
            "Ihr Browser oder Ihre App hat Anmeldedaten gesendet, die "
            "beschädigt oder zu lang waren.",
            "Versuchen Sie es erneut. Falls das Problem bleibt, löschen "
            "Sie das für diese Website gespeicherte Passwort in Ihrem "
            "Browser und melden Sie sich noch einmal an." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Ihr Browser oder Ihre App hat ein Zugriffstoken gesendet, das "
            "beschädigt oder zu lang war.",
            "Prüfen Sie, ob das vollständige Token gesendet wurde. Falls "
            "das Problem bleibt, wenden Sie sich an die Betreiber dieser "
            "Website." },
        [AG_TO_APP] = {
            NULL,
            "Der Authorization-Header der Anfrage konnte nicht gelesen "
            "werden: Er ist fehlerhaft oder zu lang.",
            "Senden Sie Benutzername und Passwort so, wie es die "
            "HTTP-Basic-Authentifizierung verlangt: als Base64-Kodierung "
            "von NAME:PASSWORT." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Der Authorization-Header der Anfrage konnte nicht gelesen "
            "werden: Er ist fehlerhaft oder zu lang.",
            "Senden Sie das Zugriffstoken als Authorization: Bearer "
            "ID.SECRET, ohne weitere Angaben im Header." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Der Authorization-Header der Anfrage konnte nicht gelesen "
            "werden: Er ist fehlerhaft oder zu lang.",
            "Senden Sie Benutzername und Passwort so, wie es die "
            "HTTP-Basic-Authentifizierung verlangt, oder ein Zugriffstoken "
            "als Authorization: Bearer ID.SECRET." } },
        "Versuchen Sie es erneut. Falls das Problem bleibt, löschen Sie das "
        "für diese Website gespeicherte Passwort in Ihrem Browser und "
        "melden Sie sich noch einmal an.",
        "Versuchen Sie es unten erneut. Falls das Problem bleibt, löschen "
        "Sie das für diese Website gespeicherte Passwort in Ihrem Browser "
        "und melden Sie sich noch einmal an." },
    [AG_REASON_INVALID_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Ihre Anmeldung wurde nicht akzeptiert",
            "Benutzername oder Passwort ist nicht korrekt.",
            "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
            "Kleinschreibung unterschieden) und laden Sie die Seite neu; "
            "Ihr Browser fragt dann noch einmal." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Die Anmeldedaten wurden nicht akzeptiert.",
            "Diese Seite nimmt nur Zugriffstoken an. Wenn Sie eines "
            "benötigen, wenden Sie sich an die Betreiber dieser Website." },
        [AG_TO_APP] = {
            NULL,
            "Benutzername oder Passwort ist nicht korrekt.",
            "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
            "Kleinschreibung unterschieden) und senden Sie die Anfrage "
            "erneut." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Die Anmeldedaten wurden nicht akzeptiert.",
            "Prüfen Sie das Zugriffstoken und senden Sie die Anfrage "
            "erneut." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Benutzername oder Passwort ist nicht korrekt.",
            "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
            "Kleinschreibung unterschieden) und senden Sie die Anfrage "
            "erneut." } },
        "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
        "Kleinschreibung unterschieden) und melden Sie sich erneut an.",
        "Prüfen Sie beides (beim Passwort wird zwischen Groß- und "
        "Kleinschreibung unterschieden) und versuchen Sie es unten erneut." },
    [AG_REASON_TOKEN_INVALID] = { {
        [AG_TO_PERSON] = {
            "Ihr Zugriffstoken wurde nicht akzeptiert",
            "Diese Website kennt das Zugriffstoken nicht, oder ein Teil "
            "davon fehlt.",
            "Prüfen Sie, ob das vollständige Token gesendet wurde, oder "
            "bitten Sie die Stelle, die es ausgestellt hat, um ein neues." } },
        NULL, NULL },
    [AG_REASON_TOKEN_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Ihr Zugriffstoken ist abgelaufen",
            "Das Zugriffstoken war gültig, aber seine Laufzeit ist vorbei.",
            "Bitten Sie die Stelle, die das Token ausgestellt hat, um ein "
            "neues." } },
        NULL, NULL },
    [AG_REASON_TOKEN_REVOKED] = { {
        [AG_TO_PERSON] = {
            "Ihr Zugriffstoken wurde zurückgezogen",
            "Das Zugriffstoken wurde widerrufen und funktioniert nicht "
            "mehr.",
            "Bitten Sie die Stelle, die das Token ausgestellt hat, um ein "
            "neues." } },
        NULL, NULL },
    [AG_REASON_LOCKED_OUT] = { {
        [AG_TO_PERSON] = {
            "Zu viele Versuche",
            "Nach zu vielen fehlgeschlagenen Versuchen ist die Anmeldung "
            "für dieses Konto aus Ihrem Netzwerk vorübergehend gesperrt.",
            NULL },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Nach zu vielen fehlgeschlagenen Versuchen ist der Zugang aus "
            "Ihrem Netzwerk vorübergehend gesperrt.",
            NULL },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Nach zu vielen fehlgeschlagenen Versuchen ist der Zugang aus "
            "Ihrem Netzwerk vorübergehend gesperrt.",
            NULL } },
        NULL, NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = { {
        [AG_TO_PERSON] = {
            "Ihr Konto hat keinen Zugang zu dieser Seite",
            "Sie sind angemeldet, aber diese Seite ist Personen mit einer "
            "Rolle vorbehalten, die Ihr Konto nicht hat.",
            "Wenn Sie meinen, dass Sie Zugang haben sollten, bitten Sie die "
            "Betreiber dieser Website, ihn für Ihr Konto freizugeben." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Ihr Zugriffstoken ist gültig, aber es trägt keine Rolle, die "
            "diese Seite verlangt.",
            "Wenn Sie meinen, dass Sie Zugang haben sollten, bitten Sie die "
            "Betreiber dieser Website um ein Token mit der Rolle, die diese "
            "Seite verlangt." },
        [AG_TO_APP] = {
            "Das Konto hat keinen Zugang",
            "Benutzername und Passwort sind korrekt, aber dem Konto fehlt "
            "eine Rolle, die diese Ressource verlangt.",
            "Wenn das Konto Zugang haben sollte, bitten Sie die Betreiber "
            "dieser Website, ihm die Rolle zu geben." },
        [AG_TO_APP_TOKEN] = {
            "Das Zugriffstoken gewährt keinen Zugang",
            "Das Zugriffstoken ist gültig, aber es trägt keine Rolle, die "
            "diese Ressource verlangt.",
            "Verwenden Sie ein Token mit einer Rolle, die diese Ressource "
            "verlangt, oder bitten Sie die Betreiber dieser Website um "
            "eines." },
        [AG_TO_APP_EITHER] = {
            "Das Konto hat keinen Zugang",
            "Die Anmeldedaten sind korrekt, aber sie tragen keine Rolle, "
            "die diese Ressource verlangt.",
            "Wenn das Konto Zugang haben sollte, bitten Sie die Betreiber "
            "dieser Website, ihm die Rolle zu geben." } },
        NULL, NULL },
    [AG_REASON_NOT_ALLOWED] = { {
        [AG_TO_PERSON] = {
            "Der Zugriff auf diese Seite ist nicht erlaubt",
            "Die Zugangsregeln dieser Website erlauben Ihnen nicht, diese "
            "Seite zu öffnen.",
            "Wenn Sie meinen, dass Sie Zugang haben sollten, wenden Sie "
            "sich an die Betreiber dieser Website." },
        [AG_TO_APP] = {
            "Zugriff nicht erlaubt",
            "Die Zugangsregeln dieser Website erlauben diese Anfrage nicht.",
            "Wenn dieser Client Zugang haben sollte, wenden Sie sich an die "
            "Betreiber dieser Website." },
        [AG_TO_APP_TOKEN] = {
            "Zugriff nicht erlaubt",
            "Die Zugangsregeln dieser Website erlauben diese Anfrage nicht.",
            "Wenn dieser Client Zugang haben sollte, wenden Sie sich an die "
            "Betreiber dieser Website." },
        [AG_TO_APP_EITHER] = {
            "Zugriff nicht erlaubt",
            "Die Zugangsregeln dieser Website erlauben diese Anfrage nicht.",
            "Wenn dieser Client Zugang haben sollte, wenden Sie sich an die "
            "Betreiber dieser Website." } },
        NULL, NULL },
    [AG_REASON_BUSY] = { {
        [AG_TO_PERSON] = {
            "Zu viele Anmeldungen gleichzeitig",
            "Die Website prüft gerade sehr viele Passwörter und konnte "
            "Ihres nicht rechtzeitig prüfen. Mit Ihrem Konto ist alles in "
            "Ordnung.",
            "Warten Sie einen Moment und laden Sie die Seite neu." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Die Website ist gerade zu ausgelastet, um Anmeldungen zu "
            "prüfen. Mit Ihrem Zugang ist alles in Ordnung.",
            "Warten Sie einen Moment und laden Sie die Seite neu." },
        [AG_TO_APP] = {
            NULL,
            "Die Website prüft gerade sehr viele Passwörter und konnte "
            "dieses nicht rechtzeitig prüfen. Mit dem Konto ist alles in "
            "Ordnung.",
            "Warten Sie eine Sekunde (siehe Retry-After) und senden Sie die "
            "Anfrage erneut." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Die Website ist gerade zu ausgelastet, um Anmeldungen zu "
            "prüfen. Mit dem Zugriffstoken ist alles in Ordnung.",
            "Warten Sie eine Sekunde (siehe Retry-After) und senden Sie die "
            "Anfrage erneut." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Die Website ist gerade zu ausgelastet, um Anmeldungen zu "
            "prüfen. Mit den Anmeldedaten ist alles in Ordnung.",
            "Warten Sie eine Sekunde (siehe Retry-After) und senden Sie die "
            "Anfrage erneut." } },
        NULL,
        "Warten Sie einen Moment und melden Sie sich unten erneut an." },
    [AG_REASON_SERVER_ERROR] = { {
        [AG_TO_PERSON] = {
            "Bei uns ist etwas schiefgelaufen",
            "Die Website konnte Ihren Zugang gerade nicht prüfen. Das liegt "
            "nicht an Ihrem Konto.",
            "Bitte versuchen Sie es in ein paar Minuten erneut. Falls das "
            "Problem bleibt, informieren Sie die Betreiber dieser "
            "Website." },
        [AG_TO_APP] = {
            NULL,
            "Die Website konnte den Zugang gerade nicht prüfen. Das liegt "
            "nicht an den Anmeldedaten.",
            "Senden Sie die Anfrage in ein paar Minuten erneut. Falls der "
            "Fehler bleibt, informieren Sie die Betreiber dieser "
            "Website." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Die Website konnte den Zugang gerade nicht prüfen. Das liegt "
            "nicht an den Anmeldedaten.",
            "Senden Sie die Anfrage in ein paar Minuten erneut. Falls der "
            "Fehler bleibt, informieren Sie die Betreiber dieser "
            "Website." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Die Website konnte den Zugang gerade nicht prüfen. Das liegt "
            "nicht an den Anmeldedaten.",
            "Senden Sie die Anfrage in ein paar Minuten erneut. Falls der "
            "Fehler bleibt, informieren Sie die Betreiber dieser "
            "Website." } },
        NULL, NULL },
    [AG_REASON_ACCOUNT_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Ihr Zugang ist abgelaufen",
            "Benutzername und Passwort sind korrekt, aber der letzte "
            "Zugangstag dieses Kontos ist vorbei.",
            "Wenn Sie weiterhin Zugang benötigen, bitten Sie die Betreiber "
            "dieser Website, Ihr Konto zu verlängern. Um ein anderes Konto "
            "zu verwenden, laden Sie die Seite neu und melden Sie sich "
            "damit an." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Das Zugriffstoken ist korrekt, aber der letzte Zugangstag des "
            "zugehörigen Kontos ist vorbei.",
            "Wenn Sie weiterhin Zugang benötigen, bitten Sie die Betreiber "
            "dieser Website, das Konto zu verlängern; danach funktionieren "
            "seine Token wieder." },
        [AG_TO_APP] = {
            "Das Konto ist abgelaufen",
            "Benutzername und Passwort sind korrekt, aber der letzte "
            "Zugangstag des Kontos ist vorbei.",
            "Wenn das Konto weiterhin Zugang benötigt, bitten Sie die "
            "Betreiber dieser Website, es zu verlängern." },
        [AG_TO_APP_TOKEN] = {
            "Das Konto ist abgelaufen",
            "Das Zugriffstoken ist korrekt, aber der letzte Zugangstag des "
            "zugehörigen Kontos ist vorbei.",
            "Wenn das Konto weiterhin Zugang benötigt, bitten Sie die "
            "Betreiber dieser Website, es zu verlängern; danach "
            "funktionieren seine Token wieder." },
        [AG_TO_APP_EITHER] = {
            "Das Konto ist abgelaufen",
            "Die Anmeldedaten sind korrekt, aber der letzte Zugangstag des "
            "Kontos ist vorbei.",
            "Wenn das Konto weiterhin Zugang benötigt, bitten Sie die "
            "Betreiber dieser Website, es zu verlängern." } },
        "Wenn Sie weiterhin Zugang benötigen, bitten Sie die Betreiber "
        "dieser Website, Ihr Konto zu verlängern. Um ein anderes Konto zu "
        "verwenden, melden Sie sich damit an.",
        "Wenn Sie weiterhin Zugang benötigen, bitten Sie die Betreiber "
        "dieser Website, Ihr Konto zu verlängern. Um ein anderes Konto zu "
        "verwenden, melden Sie sich unten damit an." },
    [AG_REASON_ACCOUNT_DISABLED] = { {
        [AG_TO_PERSON] = {
            "Ihr Konto ist deaktiviert",
            "Benutzername und Passwort sind korrekt, aber dieses Konto "
            "wurde deaktiviert.",
            "Wenn Sie das für einen Irrtum halten, bitten Sie die Betreiber "
            "dieser Website, es wieder zu aktivieren. Um ein anderes Konto "
            "zu verwenden, laden Sie die Seite neu und melden Sie sich "
            "damit an." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Das Zugriffstoken ist korrekt, aber das zugehörige Konto "
            "wurde deaktiviert.",
            "Wenn Sie das für einen Irrtum halten, bitten Sie die Betreiber "
            "dieser Website, das Konto wieder zu aktivieren; danach "
            "funktionieren seine Token wieder." },
        [AG_TO_APP] = {
            "Das Konto ist deaktiviert",
            "Benutzername und Passwort sind korrekt, aber das Konto wurde "
            "deaktiviert.",
            "Falls das ein Irrtum ist, bitten Sie die Betreiber dieser "
            "Website, das Konto wieder zu aktivieren." },
        [AG_TO_APP_TOKEN] = {
            "Das Konto ist deaktiviert",
            "Das Zugriffstoken ist korrekt, aber das zugehörige Konto "
            "wurde deaktiviert.",
            "Falls das ein Irrtum ist, bitten Sie die Betreiber dieser "
            "Website, das Konto wieder zu aktivieren; danach funktionieren "
            "seine Token wieder." },
        [AG_TO_APP_EITHER] = {
            "Das Konto ist deaktiviert",
            "Die Anmeldedaten sind korrekt, aber das Konto wurde "
            "deaktiviert.",
            "Falls das ein Irrtum ist, bitten Sie die Betreiber dieser "
            "Website, das Konto wieder zu aktivieren." } },
        "Wenn Sie das für einen Irrtum halten, bitten Sie die Betreiber "
        "dieser Website, es wieder zu aktivieren. Um ein anderes Konto zu "
        "verwenden, melden Sie sich damit an.",
        "Wenn Sie das für einen Irrtum halten, bitten Sie die Betreiber "
        "dieser Website, es wieder zu aktivieren. Um ein anderes Konto zu "
        "verwenden, melden Sie sich unten damit an." },
    [AG_REASON_SIGNED_OUT] = { {
        [AG_TO_PERSON] = {
            "Sie sind abgemeldet",
            "Sie haben sich von dieser Website abgemeldet. Schließen Sie "
            "den Browser, wenn auch andere diesen Computer benutzen.",
            "Um zurückzukehren, laden Sie die Seite neu und melden Sie "
            "sich an, wenn Ihr Browser danach fragt." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Sie haben sich von dieser Website abgemeldet.",
            "Um zurückzukehren, öffnen Sie die Seite erneut mit einem "
            "Zugriffstoken." },
        [AG_TO_APP] = {
            NULL,
            "Die Sitzung oder die Anmeldung dieses Clients ist beendet.",
            "Senden Sie mit der nächsten Anfrage erneut die Anmeldedaten, "
            "um fortzufahren." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Die Sitzung oder die Anmeldung dieses Clients ist beendet.",
            "Senden Sie mit der nächsten Anfrage erneut die Anmeldedaten, "
            "um fortzufahren." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Die Sitzung oder die Anmeldung dieses Clients ist beendet.",
            "Senden Sie mit der nächsten Anfrage erneut die Anmeldedaten, "
            "um fortzufahren." } },
        NULL,
        "Um zurückzukehren, melden Sie sich unten an." },
    [AG_REASON_CROSS_SITE] = { {
        [AG_TO_PERSON] = {
            "Diese Anfrage wurde nicht angenommen",
            "Eine Anmeldung oder Abmeldung muss von einer Seite dieser "
            "Website selbst kommen; diese kam nicht von dort (oder die "
            "Seite war zu lange geöffnet).",
            "Öffnen Sie die gewünschte Seite und versuchen Sie es von "
            "dort aus erneut." },
        [AG_TO_APP] = {
            NULL,
            "Eine Anmeldung oder Abmeldung muss von einer Seite dieser "
            "Website selbst kommen.",
            "Senden Sie die Anfrage von einer Seite dieser Website aus, "
            "mit dem Sicherheitswert aus dem Formular." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Eine Anmeldung oder Abmeldung muss von einer Seite dieser "
            "Website selbst kommen.",
            "Senden Sie die Anfrage von einer Seite dieser Website aus, "
            "mit dem Sicherheitswert aus dem Formular." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Eine Anmeldung oder Abmeldung muss von einer Seite dieser "
            "Website selbst kommen.",
            "Senden Sie die Anfrage von einer Seite dieser Website aus, "
            "mit dem Sicherheitswert aus dem Formular." } },
        NULL,
        NULL },
};

const ag_lang_words_t ag_words_de = {
    "de", reasons,
    "Ungültige Anfrage", "Nicht autorisiert", "Verboten",
    "Zu viele Anfragen", "Dienst nicht verfügbar", "Interner Serverfehler",
    "Anmelden", "Erneut anmelden", "Mit einem anderen Konto anmelden",
    "Erneut versuchen", "Hilfe anfordern", "Zur Startseite",
    " Sie können sich auch mit einem anderen Konto anmelden.",
    " Um sich mit einem anderen Konto anzumelden, öffnen Sie diese Seite "
    "in einem privaten Fenster.",
    "Versuchen Sie es in einer Minute erneut.", "Versuchen Sie es in ",
    " Minuten erneut.",
    "Ihr Zugang ist am ",
    " abgelaufen (dem letzten gültigen Tag, UTC). Ihre Anmeldedaten sind "
    "korrekt, aber das Konto kann nicht mehr verwendet werden.",
    "Ihr Zugang ist abgelaufen. Ihre Anmeldedaten sind korrekt, aber das "
    "Konto kann nicht mehr verwendet werden.",
    " Der letzte Zugangstag war der ", " (UTC).",
    { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
      "August", "September", "Oktober", "November", "Dezember" },
    AG_DAY_D_DOT_MONTH_Y,
    "Fehler", ":", "Benutzername:", "Diese Seite ist für folgende Rollen "
    "zugänglich:", ".",
    "Referenz:", ". Bitte geben Sie sie an, wenn Sie um Hilfe bitten.",
    { "Benutzername", "Passwort", "Anmelden", "Abmelden",
      "Sie sind abgemeldet",
      "Sie haben sich von dieser Website abgemeldet. Um fortzufahren, "
      "melden Sie sich erneut an.",
      "Erneut anmelden" },
    "Dieser Bereich nimmt Anmeldungen nur über seine Webseite an. "
    "Bitten Sie die Betreiber dieser Website um ein Zugriffstoken oder "
    "einen anderen Zugang."
};
