/*
 * ag_words_fr.c - the gate's words in French (README, "Error pages",
 * "Languages"): the same information and actions as ag_words_en.c, for
 * the same audiences, written for a French reader.  Formal address
 * ("vous"); the terms: se connecter / connexion, nom d'utilisateur, mot
 * de passe, jeton d'accès, les responsables de ce site.  A no-break space
 * (\u00a0) goes before ":" as French typography wants.
 */
#include "ag_words_lang.h"

#define NBSP "\u00a0"

static const ag_reason_words_t reasons[AG_REASON_COUNT] = {
    [AG_REASON_NO_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Vous devez vous connecter",
            "Cette page est réservée aux personnes connectées.",
            "Actualisez la page et votre navigateur vous demandera votre "
            "nom d'utilisateur et votre mot de passe." },
        [AG_TO_PERSON_TOKEN] = {
            "Vous avez besoin d'un jeton d'accès",
            "Cette page est réservée aux applications et aux scripts qui "
            "présentent un jeton d'accès.",
            "Si vous avez besoin d'y accéder, demandez un jeton d'accès aux "
            "responsables de ce site." },
        [AG_TO_APP] = {
            "Connexion requise",
            "Cette ressource est réservée aux clients qui se connectent.",
            "Envoyez un nom d'utilisateur et un mot de passe avec la "
            "requête, par l'authentification HTTP Basic." },
        [AG_TO_APP_TOKEN] = {
            "Vous avez besoin d'un jeton d'accès",
            "Cette ressource est réservée aux clients qui présentent un "
            "jeton d'accès.",
            "Envoyez un jeton d'accès avec la requête, dans un en-tête "
            "Authorization" NBSP ": Bearer." },
        [AG_TO_APP_EITHER] = {
            "Connexion requise",
            "Cette ressource est réservée aux clients qui se connectent.",
            "Envoyez avec la requête un nom d'utilisateur et un mot de "
            "passe (authentification HTTP Basic) ou un jeton d'accès (un "
            "en-tête Authorization" NBSP ": Bearer)." } },
        "Connectez-vous pour continuer.",
        "Saisissez ci-dessous votre nom d'utilisateur et votre mot de "
        "passe." },
    [AG_REASON_UNSUPPORTED_SCHEME] = { {
        [AG_TO_PERSON] = {
            "Vous devez vous connecter",
            "Votre navigateur ou votre application a tenté de se connecter "
            "par une méthode que cette page n'accepte pas.",
            "Actualisez la page et votre navigateur vous demandera votre "
            "nom d'utilisateur et votre mot de passe." },
        [AG_TO_PERSON_TOKEN] = {
            "Vous avez besoin d'un jeton d'accès",
            "Votre navigateur ou votre application a tenté de se connecter "
            "par une méthode que cette page n'accepte pas" NBSP ": elle "
            "n'accepte que les jetons d'accès.",
            "Si vous avez besoin d'y accéder, demandez un jeton d'accès aux "
            "responsables de ce site." },
        [AG_TO_APP] = {
            "Connexion requise",
            "La requête utilise un schéma d'authentification que cette "
            "ressource n'accepte pas.",
            "Envoyez plutôt un nom d'utilisateur et un mot de passe par "
            "l'authentification HTTP Basic." },
        [AG_TO_APP_TOKEN] = {
            "Vous avez besoin d'un jeton d'accès",
            "La requête utilise un schéma d'authentification que cette "
            "ressource n'accepte pas.",
            "Envoyez plutôt un jeton d'accès dans un en-tête "
            "Authorization" NBSP ": Bearer." },
        [AG_TO_APP_EITHER] = {
            "Connexion requise",
            "La requête utilise un schéma d'authentification que cette "
            "ressource n'accepte pas.",
            "Utilisez plutôt l'authentification HTTP Basic (un nom "
            "d'utilisateur et un mot de passe) ou un en-tête "
            "Authorization" NBSP ": Bearer (un jeton d'accès)." } },
        "Connectez-vous pour continuer.",
        "Saisissez ci-dessous votre nom d'utilisateur et votre mot de "
        "passe." },
    [AG_REASON_MALFORMED_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Vos identifiants n'ont pas pu être lus",
            "Votre navigateur ou votre application a envoyé des "
            "identifiants endommagés ou trop longs.",
            "Réessayez. Si le problème persiste, supprimez le mot de passe "
            "que votre navigateur a enregistré pour ce site, puis "
            "reconnectez-vous." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Votre navigateur ou votre application a envoyé un jeton "
            "d'accès endommagé ou trop long.",
            "Vérifiez que le jeton a été envoyé en entier. Si le problème "
            "persiste, contactez les responsables de ce site." },
        [AG_TO_APP] = {
            NULL,
            "L'en-tête Authorization de la requête n'a pas pu être "
            "lu" NBSP ": il est mal formé ou trop long.",
            "Envoyez le nom d'utilisateur et le mot de passe comme "
            "l'exige l'authentification HTTP Basic" NBSP ": l'encodage "
            "Base64 de NOM:MOT_DE_PASSE." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "L'en-tête Authorization de la requête n'a pas pu être "
            "lu" NBSP ": il est mal formé ou trop long.",
            "Envoyez le jeton d'accès sous la forme Authorization" NBSP ": "
            "Bearer ID.SECRET, sans rien d'autre dans l'en-tête." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "L'en-tête Authorization de la requête n'a pas pu être "
            "lu" NBSP ": il est mal formé ou trop long.",
            "Envoyez un nom d'utilisateur et un mot de passe comme l'exige "
            "l'authentification HTTP Basic, ou un jeton d'accès sous la "
            "forme Authorization" NBSP ": Bearer ID.SECRET." } },
        "Réessayez. Si le problème persiste, supprimez le mot de passe que "
        "votre navigateur a enregistré pour ce site, puis "
        "reconnectez-vous.",
        "Réessayez ci-dessous. Si le problème persiste, supprimez le mot "
        "de passe que votre navigateur a enregistré pour ce site, puis "
        "reconnectez-vous." },
    [AG_REASON_INVALID_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Votre connexion a été refusée",
            "Le nom d'utilisateur ou le mot de passe est incorrect.",
            "Vérifiez les deux (le mot de passe tient compte des "
            "majuscules et des minuscules), puis actualisez la page et "
            "votre navigateur vous les redemandera." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Les identifiants n'ont pas été acceptés.",
            "Cette page n'accepte que les jetons d'accès. Si vous avez "
            "besoin d'un jeton, demandez-le aux responsables de ce site." },
        [AG_TO_APP] = {
            NULL,
            "Le nom d'utilisateur ou le mot de passe est incorrect.",
            "Vérifiez les deux (le mot de passe tient compte des "
            "majuscules et des minuscules), puis renvoyez la requête." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Les identifiants n'ont pas été acceptés.",
            "Vérifiez le jeton d'accès, puis renvoyez la requête." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Le nom d'utilisateur ou le mot de passe est incorrect.",
            "Vérifiez les deux (le mot de passe tient compte des "
            "majuscules et des minuscules), puis renvoyez la requête." } },
        "Vérifiez les deux (le mot de passe tient compte des majuscules et "
        "des minuscules), puis reconnectez-vous.",
        "Vérifiez les deux (le mot de passe tient compte des majuscules "
        "et des minuscules), puis réessayez ci-dessous." },
    [AG_REASON_TOKEN_INVALID] = { {
        [AG_TO_PERSON] = {
            "Votre jeton d'accès a été refusé",
            "Ce site ne connaît pas ce jeton d'accès, ou une partie du "
            "jeton manque.",
            "Vérifiez que le jeton a été envoyé en entier, ou demandez-en "
            "un nouveau à la personne ou au service qui l'a émis." } },
        NULL, NULL },
    [AG_REASON_TOKEN_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Votre jeton d'accès a expiré",
            "Le jeton d'accès était valide, mais sa durée de validité est "
            "écoulée.",
            "Demandez un nouveau jeton à la personne ou au service qui l'a "
            "émis." } },
        NULL, NULL },
    [AG_REASON_TOKEN_REVOKED] = { {
        [AG_TO_PERSON] = {
            "Votre jeton d'accès a été retiré",
            "Le jeton d'accès a été révoqué et ne fonctionne plus.",
            "Demandez un nouveau jeton à la personne ou au service qui l'a "
            "émis." } },
        NULL, NULL },
    [AG_REASON_LOCKED_OUT] = { {
        [AG_TO_PERSON] = {
            "Trop de tentatives",
            "Après trop de tentatives infructueuses, la connexion à ce "
            "compte depuis votre réseau est temporairement suspendue.",
            NULL },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Après trop de tentatives infructueuses, l'accès depuis votre "
            "réseau est temporairement suspendu.",
            NULL },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Après trop de tentatives infructueuses, l'accès depuis votre "
            "réseau est temporairement suspendu.",
            NULL } },
        NULL, NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = { {
        [AG_TO_PERSON] = {
            "Votre compte n'a pas accès à cette page",
            "Vous êtes connecté, mais cette page est réservée aux personnes "
            "ayant un rôle que votre compte n'a pas.",
            "Si vous pensez devoir y avoir accès, demandez aux responsables "
            "de ce site de l'accorder à votre compte." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Votre jeton d'accès est valide, mais il ne porte pas de rôle "
            "requis par cette page.",
            "Si vous pensez devoir y avoir accès, demandez aux responsables "
            "de ce site un jeton portant le rôle requis par cette page." },
        [AG_TO_APP] = {
            "Le compte n'a pas accès",
            "Le nom d'utilisateur et le mot de passe sont corrects, mais le "
            "compte n'a pas de rôle requis par cette ressource.",
            "Si le compte doit y avoir accès, demandez aux responsables de "
            "ce site de lui attribuer le rôle." },
        [AG_TO_APP_TOKEN] = {
            "Le jeton d'accès ne donne pas accès",
            "Le jeton d'accès est valide, mais il ne porte pas de rôle "
            "requis par cette ressource.",
            "Utilisez un jeton portant un rôle requis par cette ressource, "
            "ou demandez-en un aux responsables de ce site." },
        [AG_TO_APP_EITHER] = {
            "Le compte n'a pas accès",
            "Les identifiants sont corrects, mais ils ne portent pas de "
            "rôle requis par cette ressource.",
            "Si le compte doit y avoir accès, demandez aux responsables de "
            "ce site de lui attribuer le rôle." } },
        NULL, NULL },
    [AG_REASON_NOT_ALLOWED] = { {
        [AG_TO_PERSON] = {
            "L'accès à cette page n'est pas autorisé",
            "Les règles d'accès de ce site ne vous permettent pas d'ouvrir "
            "cette page.",
            "Si vous pensez devoir y avoir accès, contactez les "
            "responsables de ce site." },
        [AG_TO_APP] = {
            "Accès non autorisé",
            "Les règles d'accès de ce site n'autorisent pas cette requête.",
            "Si ce client doit avoir accès, contactez les responsables de "
            "ce site." },
        [AG_TO_APP_TOKEN] = {
            "Accès non autorisé",
            "Les règles d'accès de ce site n'autorisent pas cette requête.",
            "Si ce client doit avoir accès, contactez les responsables de "
            "ce site." },
        [AG_TO_APP_EITHER] = {
            "Accès non autorisé",
            "Les règles d'accès de ce site n'autorisent pas cette requête.",
            "Si ce client doit avoir accès, contactez les responsables de "
            "ce site." } },
        NULL, NULL },
    [AG_REASON_BUSY] = { {
        [AG_TO_PERSON] = {
            "Trop de connexions simultanées",
            "Le site vérifie un grand nombre de mots de passe en ce moment "
            "et n'a pas pu vérifier le vôtre à temps. Votre compte n'a "
            "aucun problème.",
            "Patientez une seconde, puis actualisez la page." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Le site est trop occupé pour vérifier les connexions en ce "
            "moment. Votre accès n'a aucun problème.",
            "Patientez une seconde, puis actualisez la page." },
        [AG_TO_APP] = {
            NULL,
            "Le site vérifie un grand nombre de mots de passe en ce moment "
            "et n'a pas pu vérifier celui-ci à temps. Le compte n'a aucun "
            "problème.",
            "Patientez une seconde (voir Retry-After), puis renvoyez la "
            "requête." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Le site est trop occupé pour vérifier les connexions en ce "
            "moment. Le jeton d'accès n'a aucun problème.",
            "Patientez une seconde (voir Retry-After), puis renvoyez la "
            "requête." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Le site est trop occupé pour vérifier les connexions en ce "
            "moment. Les identifiants n'ont aucun problème.",
            "Patientez une seconde (voir Retry-After), puis renvoyez la "
            "requête." } },
        NULL,
        "Patientez une seconde, puis reconnectez-vous ci-dessous." },
    [AG_REASON_SERVER_ERROR] = { {
        [AG_TO_PERSON] = {
            "Un problème est survenu de notre côté",
            "Le site n'a pas pu vérifier votre accès pour le moment. Le "
            "problème ne vient pas de votre compte.",
            "Veuillez réessayer dans quelques minutes. Si le problème "
            "persiste, signalez-le aux responsables de ce site." },
        [AG_TO_APP] = {
            NULL,
            "Le site n'a pas pu vérifier l'accès pour le moment. Le "
            "problème ne vient pas des identifiants.",
            "Renvoyez la requête dans quelques minutes. Si l'erreur "
            "persiste, signalez-la aux responsables de ce site." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Le site n'a pas pu vérifier l'accès pour le moment. Le "
            "problème ne vient pas des identifiants.",
            "Renvoyez la requête dans quelques minutes. Si l'erreur "
            "persiste, signalez-la aux responsables de ce site." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Le site n'a pas pu vérifier l'accès pour le moment. Le "
            "problème ne vient pas des identifiants.",
            "Renvoyez la requête dans quelques minutes. Si l'erreur "
            "persiste, signalez-la aux responsables de ce site." } },
        NULL, NULL },
    [AG_REASON_ACCOUNT_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Votre accès a expiré",
            "Votre nom d'utilisateur et votre mot de passe sont corrects, "
            "mais le dernier jour d'accès de ce compte est passé.",
            "Si vous avez encore besoin d'accéder au site, demandez à ses "
            "responsables de prolonger votre compte. Pour utiliser un autre "
            "compte, actualisez la page et connectez-vous avec celui-ci." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Le jeton d'accès est correct, mais le dernier jour d'accès du "
            "compte auquel il appartient est passé.",
            "Si vous avez encore besoin d'accéder au site, demandez à ses "
            "responsables de prolonger le compte" NBSP ": ses jetons "
            "fonctionneront de nouveau ensuite." },
        [AG_TO_APP] = {
            "Le compte a expiré",
            "Le nom d'utilisateur et le mot de passe sont corrects, mais le "
            "dernier jour d'accès du compte est passé.",
            "Si le compte a encore besoin d'accès, demandez aux "
            "responsables de ce site de le prolonger." },
        [AG_TO_APP_TOKEN] = {
            "Le compte a expiré",
            "Le jeton d'accès est correct, mais le dernier jour d'accès du "
            "compte auquel il appartient est passé.",
            "Si le compte a encore besoin d'accès, demandez aux "
            "responsables de ce site de le prolonger" NBSP ": ses jetons "
            "fonctionneront de nouveau ensuite." },
        [AG_TO_APP_EITHER] = {
            "Le compte a expiré",
            "Les identifiants sont corrects, mais le dernier jour d'accès "
            "du compte est passé.",
            "Si le compte a encore besoin d'accès, demandez aux "
            "responsables de ce site de le prolonger." } },
        "Si vous avez encore besoin d'accéder au site, demandez à ses "
        "responsables de prolonger votre compte. Pour utiliser un autre "
        "compte, connectez-vous avec celui-ci.",
        "Si vous avez encore besoin d'accéder au site, demandez à ses "
        "responsables de prolonger votre compte. Pour utiliser un autre "
        "compte, connectez-vous avec celui-ci dans le formulaire "
        "ci-dessous." },
    [AG_REASON_ACCOUNT_DISABLED] = { {
        [AG_TO_PERSON] = {
            "Votre compte est désactivé",
            "Votre nom d'utilisateur et votre mot de passe sont corrects, "
            "mais ce compte a été désactivé.",
            "Si vous pensez qu'il s'agit d'une erreur, demandez aux "
            "responsables de ce site de le réactiver. Pour utiliser un "
            "autre compte, actualisez la page et connectez-vous avec "
            "celui-ci." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Le jeton d'accès est correct, mais le compte auquel il "
            "appartient a été désactivé.",
            "Si vous pensez qu'il s'agit d'une erreur, demandez aux "
            "responsables de ce site de réactiver le compte" NBSP ": ses "
            "jetons fonctionneront de nouveau ensuite." },
        [AG_TO_APP] = {
            "Le compte est désactivé",
            "Le nom d'utilisateur et le mot de passe sont corrects, mais le "
            "compte a été désactivé.",
            "S'il s'agit d'une erreur, demandez aux responsables de ce site "
            "de réactiver le compte." },
        [AG_TO_APP_TOKEN] = {
            "Le compte est désactivé",
            "Le jeton d'accès est correct, mais le compte auquel il "
            "appartient a été désactivé.",
            "S'il s'agit d'une erreur, demandez aux responsables de ce site "
            "de réactiver le compte" NBSP ": ses jetons fonctionneront de "
            "nouveau ensuite." },
        [AG_TO_APP_EITHER] = {
            "Le compte est désactivé",
            "Les identifiants sont corrects, mais le compte a été "
            "désactivé.",
            "S'il s'agit d'une erreur, demandez aux responsables de ce site "
            "de réactiver le compte." } },
        "Si vous pensez qu'il s'agit d'une erreur, demandez aux "
        "responsables de ce site de le réactiver. Pour utiliser un autre "
        "compte, connectez-vous avec celui-ci.",
        "Si vous pensez qu'il s'agit d'une erreur, demandez aux "
        "responsables de ce site de le réactiver. Pour utiliser un autre "
        "compte, connectez-vous avec celui-ci dans le formulaire "
        "ci-dessous." },
    [AG_REASON_SIGNED_OUT] = { {
        [AG_TO_PERSON] = {
            "Vous êtes déconnecté",
            "Votre session sur ce site est terminée. Si d'autres "
            "personnes utilisent cet ordinateur, fermez le navigateur.",
            "Pour revenir, actualisez la page et connectez-vous lorsque "
            "votre navigateur vous le demande." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Votre session sur ce site est terminée.",
            "Pour revenir, rouvrez la page avec un jeton d'accès." },
        [AG_TO_APP] = {
            NULL,
            "La session ou la connexion de ce client a pris fin.",
            "Renvoyez les identifiants avec la prochaine requête pour "
            "continuer." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "La session ou la connexion de ce client a pris fin.",
            "Renvoyez les identifiants avec la prochaine requête pour "
            "continuer." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "La session ou la connexion de ce client a pris fin.",
            "Renvoyez les identifiants avec la prochaine requête pour "
            "continuer." } },
        NULL,
        "Pour revenir, connectez-vous ci-dessous." },
    [AG_REASON_CROSS_SITE] = { {
        [AG_TO_PERSON] = {
            "Cette requête n'a pas été acceptée",
            "Une connexion ou une déconnexion doit venir d'une page de ce "
            "site, ce qui n'était pas le cas ici (ou la page était restée "
            "ouverte trop longtemps).",
            "Ouvrez la page souhaitée et réessayez à partir de celle-ci." },
        [AG_TO_APP] = {
            NULL,
            "Une connexion ou une déconnexion doit venir d'une page de ce "
            "site.",
            "Envoyez la requête depuis une page de ce site, avec la "
            "valeur anti-falsification du formulaire." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Une connexion ou une déconnexion doit venir d'une page de ce "
            "site.",
            "Envoyez la requête depuis une page de ce site, avec la "
            "valeur anti-falsification du formulaire." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Une connexion ou une déconnexion doit venir d'une page de ce "
            "site.",
            "Envoyez la requête depuis une page de ce site, avec la "
            "valeur anti-falsification du formulaire." } },
        NULL,
        NULL },
};

const ag_lang_words_t ag_words_fr = {
    "fr", reasons,
    "Requête incorrecte", "Non autorisé", "Interdit", "Trop de requêtes",
    "Service indisponible", "Erreur interne du serveur",
    "Se connecter", "Se reconnecter", "Se connecter avec un autre compte",
    "Réessayer", "Obtenir de l'aide", "Aller à la page d'accueil",
    " Vous pouvez aussi vous connecter avec un autre compte.",
    " Pour vous connecter avec un autre compte, ouvrez cette page dans une "
    "fenêtre de navigation privée.",
    "Réessayez dans une minute.", "Réessayez dans ", " minutes.",
    "Votre accès a expiré le ",
    " (dernier jour de validité, UTC). Vos identifiants sont corrects, "
    "mais le compte ne peut plus être utilisé.",
    "Votre accès a expiré. Vos identifiants sont corrects, mais le compte "
    "ne peut plus être utilisé.",
    " Son dernier jour d'accès était le ", " (UTC).",
    { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
      "août", "septembre", "octobre", "novembre", "décembre" },
    AG_DAY_FRENCH,
    "Erreur", NBSP ":", "Nom d'utilisateur" NBSP ":",
    "Cette page est ouverte aux rôles suivants" NBSP ":", ".",
    "Référence" NBSP ":",
    ". Indiquez-la si vous demandez de l'aide.",
    { "Nom d'utilisateur", "Mot de passe", "Se connecter",
      "Se déconnecter", "Vous êtes déconnecté",
      "Votre session sur ce site est terminée. Pour continuer, "
      "reconnectez-vous.",
      "Se reconnecter" },
    "Cette zone n'accepte les connexions que par sa page web. "
    "Demandez aux responsables de ce site un jeton d'accès ou un autre "
    "moyen d'accès."
};
