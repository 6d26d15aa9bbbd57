/*
 * ag_words_es.c - the gate's words in Spanish (README, "Error pages",
 * "Languages"): the same information and actions as ag_words_en.c, for
 * the same audiences, written for a Spanish reader.  Formal address
 * ("usted"); the terms: iniciar sesión, nombre de usuario, contraseña,
 * token de acceso, los responsables de este sitio.
 */
#include "ag_words_lang.h"

static const ag_reason_words_t reasons[AG_REASON_COUNT] = {
    [AG_REASON_NO_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "Debe iniciar sesión",
            "Esta página solo está disponible para quienes inician sesión.",
            "Actualice la página y su navegador le pedirá su nombre de "
            "usuario y su contraseña." },
        [AG_TO_PERSON_TOKEN] = {
            "Necesita un token de acceso",
            "Esta página solo está disponible para aplicaciones y scripts "
            "que presenten un token de acceso.",
            "Si necesita acceder, pida un token de acceso a los "
            "responsables de este sitio." },
        [AG_TO_APP] = {
            "Se requiere autenticación",
            "Este recurso solo está disponible para clientes que se "
            "autentican.",
            "Envíe un nombre de usuario y una contraseña con la solicitud, "
            "mediante autenticación HTTP Basic." },
        [AG_TO_APP_TOKEN] = {
            "Necesita un token de acceso",
            "Este recurso solo está disponible para clientes que presenten "
            "un token de acceso.",
            "Envíe un token de acceso con la solicitud, en un encabezado "
            "Authorization: Bearer." },
        [AG_TO_APP_EITHER] = {
            "Se requiere autenticación",
            "Este recurso solo está disponible para clientes que se "
            "autentican.",
            "Envíe con la solicitud un nombre de usuario y una contraseña "
            "(autenticación HTTP Basic) o un token de acceso (un "
            "encabezado Authorization: Bearer)." } },
        "Inicie sesión para continuar.",
        "Introduzca a continuación su nombre de usuario y su contraseña." },
    [AG_REASON_UNSUPPORTED_SCHEME] = { {
        [AG_TO_PERSON] = {
            "Debe iniciar sesión",
            "Su navegador o su aplicación intentó iniciar sesión con un "
            "método que esta página no acepta.",
            "Actualice la página y su navegador le pedirá su nombre de "
            "usuario y su contraseña." },
        [AG_TO_PERSON_TOKEN] = {
            "Necesita un token de acceso",
            "Su navegador o su aplicación intentó iniciar sesión con un "
            "método que esta página no acepta: solo admite tokens de "
            "acceso.",
            "Si necesita acceder, pida un token de acceso a los "
            "responsables de este sitio." },
        [AG_TO_APP] = {
            "Se requiere autenticación",
            "La solicitud usó un esquema de autenticación que este recurso "
            "no acepta.",
            "Envíe en su lugar un nombre de usuario y una contraseña "
            "mediante autenticación HTTP Basic." },
        [AG_TO_APP_TOKEN] = {
            "Necesita un token de acceso",
            "La solicitud usó un esquema de autenticación que este recurso "
            "no acepta.",
            "Envíe en su lugar un token de acceso en un encabezado "
            "Authorization: Bearer." },
        [AG_TO_APP_EITHER] = {
            "Se requiere autenticación",
            "La solicitud usó un esquema de autenticación que este recurso "
            "no acepta.",
            "Use en su lugar autenticación HTTP Basic (un nombre de usuario "
            "y una contraseña) o un encabezado Authorization: Bearer (un "
            "token de acceso)." } },
        "Inicie sesión para continuar.",
        "Introduzca a continuación su nombre de usuario y su contraseña." },
    [AG_REASON_MALFORMED_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "No se pudieron leer sus datos de acceso",
            "Su navegador o su aplicación envió datos de acceso dañados o "
            "demasiado largos.",
            "Vuelva a intentarlo. Si sigue ocurriendo, elimine la "
            "contraseña que su navegador guardó para este sitio e inicie "
            "sesión de nuevo." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Su navegador o su aplicación envió un token de acceso dañado "
            "o demasiado largo.",
            "Compruebe que se envió el token completo. Si sigue ocurriendo, "
            "consulte a los responsables de este sitio." },
        [AG_TO_APP] = {
            NULL,
            "No se pudo leer el encabezado Authorization de la solicitud: "
            "está mal formado o es demasiado largo.",
            "Envíe el nombre de usuario y la contraseña como exige la "
            "autenticación HTTP Basic: la codificación Base64 de "
            "NOMBRE:CONTRASEÑA." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "No se pudo leer el encabezado Authorization de la solicitud: "
            "está mal formado o es demasiado largo.",
            "Envíe el token de acceso como Authorization: Bearer ID.SECRET, "
            "sin nada más en el encabezado." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "No se pudo leer el encabezado Authorization de la solicitud: "
            "está mal formado o es demasiado largo.",
            "Envíe un nombre de usuario y una contraseña como exige la "
            "autenticación HTTP Basic, o un token de acceso como "
            "Authorization: Bearer ID.SECRET." } },
        "Vuelva a intentarlo. Si sigue ocurriendo, elimine la contraseña "
        "que su navegador guardó para este sitio e inicie sesión de "
        "nuevo.",
        "Vuelva a intentarlo a continuación. Si sigue ocurriendo, elimine "
        "la contraseña que su navegador guardó para este sitio e inicie "
        "sesión de nuevo." },
    [AG_REASON_INVALID_CREDENTIALS] = { {
        [AG_TO_PERSON] = {
            "No se aceptó su inicio de sesión",
            "El nombre de usuario o la contraseña no son correctos.",
            "Compruebe ambos (la contraseña distingue entre mayúsculas y "
            "minúsculas) y luego actualice la página; su navegador se los "
            "volverá a pedir." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "No se aceptaron los datos de acceso.",
            "Esta página solo admite tokens de acceso. Si necesita uno, "
            "pídalo a los responsables de este sitio." },
        [AG_TO_APP] = {
            NULL,
            "El nombre de usuario o la contraseña no son correctos.",
            "Compruebe ambos (la contraseña distingue entre mayúsculas y "
            "minúsculas) y vuelva a enviar la solicitud." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "No se aceptaron los datos de acceso.",
            "Compruebe el token de acceso y vuelva a enviar la "
            "solicitud." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "El nombre de usuario o la contraseña no son correctos.",
            "Compruebe ambos (la contraseña distingue entre mayúsculas y "
            "minúsculas) y vuelva a enviar la solicitud." } },
        "Compruebe ambos (la contraseña distingue entre mayúsculas y "
        "minúsculas) y vuelva a iniciar sesión.",
        "Compruebe ambos (la contraseña distingue entre mayúsculas y "
        "minúsculas) y vuelva a intentarlo a continuación." },
    [AG_REASON_TOKEN_INVALID] = { {
        [AG_TO_PERSON] = {
            "No se aceptó su token de acceso",
            "Este sitio no reconoce el token de acceso, o falta una parte "
            "de él.",
            "Compruebe que se envió el token completo, o pida uno nuevo a "
            "quien lo emitió." } },
        NULL, NULL },
    [AG_REASON_TOKEN_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Su token de acceso ha caducado",
            "El token de acceso era válido, pero su plazo ha vencido.",
            "Pida un token nuevo a quien lo emitió." } },
        NULL, NULL },
    [AG_REASON_TOKEN_REVOKED] = { {
        [AG_TO_PERSON] = {
            "Su token de acceso fue retirado",
            "El token de acceso ha sido revocado y ya no funciona.",
            "Pida un token nuevo a quien lo emitió." } },
        NULL, NULL },
    [AG_REASON_LOCKED_OUT] = { {
        [AG_TO_PERSON] = {
            "Demasiados intentos",
            "Tras demasiados intentos fallidos, el inicio de sesión en esta "
            "cuenta desde su red se ha bloqueado temporalmente.",
            NULL },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Tras demasiados intentos fallidos, el acceso desde su red se "
            "ha bloqueado temporalmente.",
            NULL },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Tras demasiados intentos fallidos, el acceso desde su red se "
            "ha bloqueado temporalmente.",
            NULL } },
        NULL, NULL },
    [AG_REASON_INSUFFICIENT_ROLE] = { {
        [AG_TO_PERSON] = {
            "Su cuenta no tiene acceso a esta página",
            "Ha iniciado sesión, pero esta página es para personas con un "
            "rol que su cuenta no tiene.",
            "Si cree que debería tener acceso, pida a los responsables de "
            "este sitio que se lo concedan a su cuenta." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Su token de acceso es válido, pero no incluye ningún rol que "
            "esta página requiera.",
            "Si cree que debería tener acceso, pida a los responsables de "
            "este sitio un token con el rol que esta página requiere." },
        [AG_TO_APP] = {
            "La cuenta no tiene acceso",
            "El nombre de usuario y la contraseña son correctos, pero la "
            "cuenta no tiene ningún rol que este recurso requiera.",
            "Si la cuenta debería tener acceso, pida a los responsables de "
            "este sitio que le asignen el rol." },
        [AG_TO_APP_TOKEN] = {
            "El token de acceso no permite el acceso",
            "El token de acceso es válido, pero no incluye ningún rol que "
            "este recurso requiera.",
            "Use un token con un rol que este recurso requiera, o pida uno "
            "a los responsables de este sitio." },
        [AG_TO_APP_EITHER] = {
            "La cuenta no tiene acceso",
            "Los datos de acceso son correctos, pero no incluyen ningún rol "
            "que este recurso requiera.",
            "Si la cuenta debería tener acceso, pida a los responsables de "
            "este sitio que le asignen el rol." } },
        NULL, NULL },
    [AG_REASON_NOT_ALLOWED] = { {
        [AG_TO_PERSON] = {
            "No se permite el acceso a esta página",
            "Las reglas de acceso de este sitio no le permiten abrir esta "
            "página.",
            "Si cree que debería tener acceso, consulte a los responsables "
            "de este sitio." },
        [AG_TO_APP] = {
            "Acceso no permitido",
            "Las reglas de acceso de este sitio no permiten esta "
            "solicitud.",
            "Si este cliente debería tener acceso, consulte a los "
            "responsables de este sitio." },
        [AG_TO_APP_TOKEN] = {
            "Acceso no permitido",
            "Las reglas de acceso de este sitio no permiten esta "
            "solicitud.",
            "Si este cliente debería tener acceso, consulte a los "
            "responsables de este sitio." },
        [AG_TO_APP_EITHER] = {
            "Acceso no permitido",
            "Las reglas de acceso de este sitio no permiten esta "
            "solicitud.",
            "Si este cliente debería tener acceso, consulte a los "
            "responsables de este sitio." } },
        NULL, NULL },
    [AG_REASON_BUSY] = { {
        [AG_TO_PERSON] = {
            "Demasiados inicios de sesión a la vez",
            "El sitio está comprobando muchas contraseñas en este momento "
            "y no pudo comprobar la suya a tiempo. Su cuenta no tiene "
            "ningún problema.",
            "Espere un segundo y actualice la página." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "El sitio está demasiado ocupado para comprobar inicios de "
            "sesión en este momento. Su acceso no tiene ningún problema.",
            "Espere un segundo y actualice la página." },
        [AG_TO_APP] = {
            NULL,
            "El sitio está comprobando muchas contraseñas en este momento "
            "y no pudo comprobar esta a tiempo. La cuenta no tiene ningún "
            "problema.",
            "Espere un segundo (vea Retry-After) y vuelva a enviar la "
            "solicitud." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "El sitio está demasiado ocupado para comprobar inicios de "
            "sesión en este momento. El token de acceso no tiene ningún "
            "problema.",
            "Espere un segundo (vea Retry-After) y vuelva a enviar la "
            "solicitud." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "El sitio está demasiado ocupado para comprobar inicios de "
            "sesión en este momento. Los datos de acceso no tienen ningún "
            "problema.",
            "Espere un segundo (vea Retry-After) y vuelva a enviar la "
            "solicitud." } },
        NULL,
        "Espere un segundo y vuelva a iniciar sesión a continuación." },
    [AG_REASON_SERVER_ERROR] = { {
        [AG_TO_PERSON] = {
            "Algo ha fallado por nuestra parte",
            "El sitio no pudo comprobar su acceso en este momento. No es "
            "un problema de su cuenta.",
            "Vuelva a intentarlo dentro de unos minutos. Si sigue "
            "ocurriendo, avise a los responsables de este sitio." },
        [AG_TO_APP] = {
            NULL,
            "El sitio no pudo comprobar el acceso en este momento. No es "
            "un problema de los datos de acceso.",
            "Vuelva a enviar la solicitud dentro de unos minutos. Si sigue "
            "fallando, avise a los responsables de este sitio." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "El sitio no pudo comprobar el acceso en este momento. No es "
            "un problema de los datos de acceso.",
            "Vuelva a enviar la solicitud dentro de unos minutos. Si sigue "
            "fallando, avise a los responsables de este sitio." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "El sitio no pudo comprobar el acceso en este momento. No es "
            "un problema de los datos de acceso.",
            "Vuelva a enviar la solicitud dentro de unos minutos. Si sigue "
            "fallando, avise a los responsables de este sitio." } },
        NULL, NULL },
    [AG_REASON_ACCOUNT_EXPIRED] = { {
        [AG_TO_PERSON] = {
            "Su acceso ha caducado",
            "Su nombre de usuario y su contraseña son correctos, pero el "
            "último día de acceso de esta cuenta ya pasó.",
            "Si aún necesita acceso, pida a los responsables de este sitio "
            "que amplíen su cuenta. Para usar otra cuenta, actualice la "
            "página e inicie sesión con ella." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "El token de acceso es correcto, pero el último día de acceso "
            "de la cuenta a la que pertenece ya pasó.",
            "Si aún necesita acceso, pida a los responsables de este sitio "
            "que amplíen la cuenta; sus tokens volverán a funcionar en "
            "cuanto lo hagan." },
        [AG_TO_APP] = {
            "La cuenta ha caducado",
            "El nombre de usuario y la contraseña son correctos, pero el "
            "último día de acceso de la cuenta ya pasó.",
            "Si la cuenta aún necesita acceso, pida a los responsables de "
            "este sitio que la amplíen." },
        [AG_TO_APP_TOKEN] = {
            "La cuenta ha caducado",
            "El token de acceso es correcto, pero el último día de acceso "
            "de la cuenta a la que pertenece ya pasó.",
            "Si la cuenta aún necesita acceso, pida a los responsables de "
            "este sitio que la amplíen; sus tokens volverán a funcionar en "
            "cuanto lo hagan." },
        [AG_TO_APP_EITHER] = {
            "La cuenta ha caducado",
            "Los datos de acceso son correctos, pero el último día de "
            "acceso de la cuenta ya pasó.",
            "Si la cuenta aún necesita acceso, pida a los responsables de "
            "este sitio que la amplíen." } },
        "Si aún necesita acceso, pida a los responsables de este sitio que "
        "amplíen su cuenta. Para usar otra cuenta, inicie sesión con "
        "ella.",
        "Si aún necesita acceso, pida a los responsables de este sitio "
        "que amplíen su cuenta. Para usar otra cuenta, inicie sesión con "
        "ella a continuación." },
    [AG_REASON_ACCOUNT_DISABLED] = { {
        [AG_TO_PERSON] = {
            "Su cuenta está desactivada",
            "Su nombre de usuario y su contraseña son correctos, pero esta "
            "cuenta ha sido desactivada.",
            "Si cree que se trata de un error, pida a los responsables de "
            "este sitio que la vuelvan a activar. Para usar otra cuenta, "
            "actualice la página e inicie sesión con ella." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "El token de acceso es correcto, pero la cuenta a la que "
            "pertenece ha sido desactivada.",
            "Si cree que se trata de un error, pida a los responsables de "
            "este sitio que vuelvan a activar la cuenta; sus tokens "
            "volverán a funcionar en cuanto lo hagan." },
        [AG_TO_APP] = {
            "La cuenta está desactivada",
            "El nombre de usuario y la contraseña son correctos, pero la "
            "cuenta ha sido desactivada.",
            "Si se trata de un error, pida a los responsables de este sitio "
            "que vuelvan a activar la cuenta." },
        [AG_TO_APP_TOKEN] = {
            "La cuenta está desactivada",
            "El token de acceso es correcto, pero la cuenta a la que "
            "pertenece ha sido desactivada.",
            "Si se trata de un error, pida a los responsables de este sitio "
            "que vuelvan a activar la cuenta; sus tokens volverán a "
            "funcionar en cuanto lo hagan." },
        [AG_TO_APP_EITHER] = {
            "La cuenta está desactivada",
            "Los datos de acceso son correctos, pero la cuenta ha sido "
            "desactivada.",
            "Si se trata de un error, pida a los responsables de este sitio "
            "que vuelvan a activar la cuenta." } },
        "Si cree que se trata de un error, pida a los responsables de este "
        "sitio que la vuelvan a activar. Para usar otra cuenta, inicie "
        "sesión con ella.",
        "Si cree que se trata de un error, pida a los responsables de "
        "este sitio que la vuelvan a activar. Para usar otra cuenta, "
        "inicie sesión con ella a continuación." },
    [AG_REASON_SIGNED_OUT] = { {
        [AG_TO_PERSON] = {
            "Ha cerrado la sesión",
            "Ha cerrado la sesión en este sitio. Si otras personas usan "
            "este equipo, cierre el navegador.",
            "Para volver, actualice la página e inicie sesión cuando su "
            "navegador se lo pida." },
        [AG_TO_PERSON_TOKEN] = {
            NULL,
            "Ha cerrado la sesión en este sitio.",
            "Para volver, abra de nuevo la página con un token de acceso." },
        [AG_TO_APP] = {
            NULL,
            "La sesión o la autenticación de este cliente ha terminado.",
            "Vuelva a enviar los datos de acceso con la próxima solicitud "
            "para continuar." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "La sesión o la autenticación de este cliente ha terminado.",
            "Vuelva a enviar los datos de acceso con la próxima solicitud "
            "para continuar." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "La sesión o la autenticación de este cliente ha terminado.",
            "Vuelva a enviar los datos de acceso con la próxima solicitud "
            "para continuar." } },
        NULL,
        "Para volver, inicie sesión a continuación." },
    [AG_REASON_CROSS_SITE] = { {
        [AG_TO_PERSON] = {
            "No se aceptó esta solicitud",
            "Un inicio o cierre de sesión debe hacerse desde una página "
            "de este sitio, y esta solicitud no venía de una (o la página "
            "estuvo abierta demasiado tiempo).",
            "Vaya a la página que quería abrir y vuelva a intentarlo "
            "desde allí." },
        [AG_TO_APP] = {
            NULL,
            "Un inicio o cierre de sesión debe hacerse desde una página "
            "de este sitio.",
            "Envíe la solicitud desde una página de este sitio, con el "
            "valor antifalsificación del formulario." },
        [AG_TO_APP_TOKEN] = {
            NULL,
            "Un inicio o cierre de sesión debe hacerse desde una página "
            "de este sitio.",
            "Envíe la solicitud desde una página de este sitio, con el "
            "valor antifalsificación del formulario." },
        [AG_TO_APP_EITHER] = {
            NULL,
            "Un inicio o cierre de sesión debe hacerse desde una página "
            "de este sitio.",
            "Envíe la solicitud desde una página de este sitio, con el "
            "valor antifalsificación del formulario." } },
        NULL,
        NULL },
};

const ag_lang_words_t ag_words_es = {
    "es", reasons,
    "Solicitud incorrecta", "No autorizado", "Prohibido",
    "Demasiadas solicitudes", "Servicio no disponible",
    "Error interno del servidor",
    "Iniciar sesión", "Volver a iniciar sesión",
    "Iniciar sesión con otra cuenta", "Volver a intentarlo",
    "Obtener ayuda", "Ir a la página de inicio",
    " También puede iniciar sesión con otra cuenta.",
    " Para iniciar sesión con otra cuenta, abra esta página en una ventana "
    "privada.",
    "Vuelva a intentarlo dentro de un minuto.",
    "Vuelva a intentarlo dentro de ", " minutos.",
    "Su acceso caducó el ",
    " (el último día en que era válido, UTC). Sus datos de acceso son "
    "correctos, pero la cuenta ya no se puede usar.",
    "Su acceso ha caducado. Sus datos de acceso son correctos, pero la "
    "cuenta ya no se puede usar.",
    " Su último día de acceso fue el ", " (UTC).",
    { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
      "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
    AG_DAY_D_DE_MONTH_DE_Y,
    "Error", ":", "Nombre de usuario:",
    "Esta página está abierta a estos roles:", ".",
    "Referencia:", ". Menciónela si pide ayuda.",
    { "Nombre de usuario", "Contraseña", "Iniciar sesión", "Cerrar sesión",
      "Ha cerrado la sesión",
      "Ha cerrado la sesión en este sitio. Para continuar, vuelva a "
      "iniciar sesión.",
      "Volver a iniciar sesión" },
    "Esta zona solo admite el inicio de sesión a través de su página "
    "web. Pida a los responsables de este sitio un token de acceso u otra "
    "forma de acceso."
};
