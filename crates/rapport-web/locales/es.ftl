app-name = Rapport
skip-to-content = Saltar al contenido
nav-main = Navegación principal
nav-contacts = Contactos
nav-companies = Empresas
nav-interactions = Interacciones
nav-account = Tu cuenta
nav-api = API
search-label = Buscar
search-placeholder = Buscar contactos, empresas, notas… (Ctrl K)
search-title = Búsqueda
search-no-results = Nada coincide con «{ $query }».
sign-out = Cerrar sesión

login-title = Iniciar sesión
login-email = Correo electrónico
login-password = Contraseña
login-submit = Entrar
login-failed = El correo electrónico o la contraseña no son correctos.
login-too-many = Demasiados intentos fallidos. Espera un minuto y vuelve a intentarlo.

setup-title = Bienvenido a Rapport
setup-intro = Crea el primer administrador. Después podrás invitar al resto.
setup-name = Tu nombre
setup-submit = Crear administrador

contacts-title = Contactos
contacts-empty = Todavía no hay contactos.
companies-title = Empresas
companies-empty = Todavía no hay empresas.
interactions-title = Interacciones
interactions-empty = Todavía no hay interacciones.
list-next = Página siguiente
list-search = Filtrar esta lista
list-search-submit = Filtrar

col-name = Nombre
col-email = Correo
col-phone = Teléfono
col-company = Empresa
col-stage = Etapa
col-created = Creado
col-domain = Dominio
col-industry = Sector
col-kind = Tipo
col-subject = Asunto
col-when = Cuándo

contact-facts = Datos
contact-timeline = Cronología
contact-no-interactions = Todavía no hay nada en la cronología.
field-title = Cargo
field-tags = Etiquetas
field-owner = Responsable

kind-note = Nota
kind-email = Correo
kind-call = Llamada
kind-sms = SMS
kind-chat = Chat
kind-meeting = Reunión
kind-task = Tarea
kind-system = Sistema
direction-inbound = Entrante
direction-outbound = Saliente
direction-internal = Interna

stage-subscriber = Suscriptor
stage-lead = Cliente potencial
stage-marketing_qualified = Cualificado por marketing
stage-sales_qualified = Cualificado por ventas
stage-opportunity = Oportunidad
stage-customer = Cliente
stage-evangelist = Promotor
stage-other = Otro

account-title = Tu cuenta
account-sessions = Dispositivos con sesión iniciada
account-this-session = Este dispositivo
account-last-seen = Última actividad
account-revoke = Cerrar sesión en este dispositivo
account-password = Cambiar contraseña
account-current-password = Contraseña actual
account-new-password = Contraseña nueva
account-password-submit = Cambiar contraseña
account-password-changed = Tu contraseña ha cambiado. Se ha cerrado la sesión en los demás dispositivos.
account-password-wrong = La contraseña actual no es correcta.

error-title = Algo ha salido mal
error-not-found = Esta página no existe o no tienes permiso para verla.
error-forbidden = No tienes permiso para hacer esto.
error-csrf = Este formulario ha caducado. Recarga la página y vuelve a intentarlo.
error-back = Volver a los contactos

form-new-contact = Nuevo contacto
form-new-company = Nueva empresa
form-edit = Editar
form-save = Guardar
form-cancel = Cancelar
form-first-name = Nombre de pila
form-last-name = Apellidos
form-company-name = Nombre de la empresa
form-website = Sitio web
form-size = Tamaño
form-tags-hint = Separa las etiquetas con comas.
form-none = (ninguno)
form-errors = Corrige los campos marcados.
form-conflict = Otra persona guardó este registro mientras lo editabas. No se ha sobrescrito nada. Compara los valores y vuelve a guardar para conservar los tuyos.
form-conflict-yours = Tu valor
form-conflict-theirs = Valor guardado
form-no-company = Ninguna empresa tiene este nombre.
quick-log = Registrar
quick-subject = Asunto
quick-body = Notas
quick-duration = Duración en minutos
quick-submit = Añadir a la cronología
quick-actions = Acciones rápidas
quick-log-call = Registrar llamada
quick-add-note = Añadir nota
quick-create-task = Crear tarea
quick-other-kind = Registrar otro tipo de interacción
quick-direction = Sentido
quick-due = Fecha y hora de vencimiento
quick-due-invalid = Indica la fecha y la hora en que vence la tarea.
quick-subject-missing = Ponle un asunto a la tarea.
quick-duration-invalid = Indica la duración como un número entero de minutos.
timeline-due = Vence el
timeline-duration = { $minutes } min
history-title = Historial
history-show-as-of = Mostrar a fecha de
history-as-of-banner = Así era el registro el { $when }.
history-current = Volver a la versión actual
history-empty = Todavía no hay cambios.
history-by = por { $who }
history-action-create = Creado
history-action-update = Modificado
history-action-delete = Eliminado
history-action-restore = Restaurado
history-action-merge = Fusionado
history-action-purge = Borrado definitivamente
col-field = Campo
col-before = Antes
col-after = Después

account-preferences = Idioma y zona horaria
account-language = Idioma
account-time-zone = Zona horaria
account-preferences-submit = Guardar preferencias
account-preferences-saved = Tus preferencias se han guardado.
user-menu = menú de usuario
user-menu-apply = Aplicar
language-en = English
language-de = Deutsch
language-es = Español
language-pl = Polski
language-nb = Norsk bokmål
search-see-all = Ver todos los resultados
search-suggest-count = { $count ->
    [0] Ninguna sugerencia
    [one] Una sugerencia
   *[other] { $count } sugerencias
}

panel-contacts = Contactos
panel-attachments = Archivos adjuntos
panel-no-attachments = Todavía no hay archivos.
attach-file = Archivo
attach-submit = Adjuntar archivo
attach-too-large = El archivo supera los { $size } MB.
timeline-filter = Filtrar la cronología
timeline-all-kinds = Todos los tipos
timeline-all-directions = Todas las direcciones

nav-settings = Ajustes
settings-title = Ajustes
settings-users = Usuarios
settings-teams = Equipos
settings-custom-fields = Campos personalizados
settings-tags = Etiquetas
settings-tokens = Tokens de la API
settings-new = Añadir
field-color = Color
field-description = Descripción
field-members = Miembros
field-entity = Se aplica a
field-key = Clave
field-label = Etiqueta visible
field-type = Tipo
field-options = Opciones
field-options-hint = Para campos de selección: las opciones, separadas por comas.
field-required = Obligatorio
field-role = Rol
field-active = Activo
field-password-initial = Contraseña (opcional)
role-admin = Administrador
role-manager = Responsable
role-agent = Agente
role-viewer = Solo lectura
token-name = Nombre del token
token-scopes = Permisos
token-scopes-hint = Déjalo vacío para todo lo que permite tu rol, o indica read, write o contacts:read, separados por comas.
token-created = Copia este token ahora; no se volverá a mostrar:
token-revoke = Revocar
token-revoked = Revocado
token-last-used = Último uso
settings-empty = Todavía no hay nada aquí.
list-export = Descargar como CSV

mfa-title = Inicio de sesión en dos pasos
mfa-on = El inicio de sesión en dos pasos está activado.
mfa-off = El inicio de sesión en dos pasos está desactivado. Actívalo para pedir un código de una aplicación de autenticación en cada inicio de sesión.
mfa-turn-on = Activar el inicio de sesión en dos pasos
mfa-turn-off = Desactivar el inicio de sesión en dos pasos
mfa-setup-intro = Añade esta clave a tu aplicación de autenticación (o abre el enlace en el móvil) y escribe el código de seis cifras que muestra.
mfa-key = Clave
mfa-link = Abrir en una aplicación de autenticación
mfa-code = Código de seis cifras
mfa-confirm = Confirmar y activar
mfa-code-title = Introduce tu código
mfa-code-intro = Abre tu aplicación de autenticación y escribe el código de seis cifras de Rapport.
mfa-code-wrong = Ese código no es correcto. Los códigos cambian cada 30 segundos; usa el actual.
mfa-turned-on = El inicio de sesión en dos pasos ya está activado.
mfa-turned-off = El inicio de sesión en dos pasos ya está desactivado.
settings-organisation = Organización
org-name = Nombre de la organización
org-default-language = Idioma predeterminado
org-default-time-zone = Zona horaria predeterminada
org-saved = Los ajustes se han guardado.
bulk-select-row = { $kind ->
    [company] Seleccionar { $name }
   *[other] Seleccionar a { $name }
}
bulk-select-all = Seleccionar todo en esta página
bulk-action = Con los seleccionados
bulk-tag = Añadir una etiqueta
bulk-owner = Cambiar el responsable
bulk-delete = Eliminar
bulk-apply = Aplicar
bulk-tag-name = Etiqueta
filter-add = Añadir un filtro
filter-field = Campo
filter-op = Condición
filter-value = Valor
op-eq = es
op-ne = no es
op-contains = contiene
op-lt = es menor que
op-gt = es mayor que
op-is_null = está vacío
filter-remove = Quitar filtro
views-title = Vistas guardadas
views-save = Guardar esta vista
views-name = Nombre de la vista
views-shared = Compartir con todos
views-delete = Eliminar vista
columns-title = Columnas
col-direction = Dirección
form-money-hint = Un importe y un código de moneda, por ejemplo { $example }.
form-money-invalid = Escriba un importe y un código de moneda, por ejemplo { $example }.
org-logo = Logotipo
org-logo-current = Logotipo actual
org-logo-none = Todavía no hay logotipo.
org-logo-choose = Elegir un logotipo
org-logo-replace = Elegir un logotipo nuevo
org-logo-hint = PNG, JPEG o WebP, como máximo { $size } KiB.
org-logo-upload = Subir
org-logo-remove = Quitar el logotipo
org-logo-too-large = La imagen ocupa más de { $size } KiB. Elija una más pequeña.
org-logo-wrong-type = Elija una imagen PNG, JPEG o WebP. No se aceptan otros archivos, tampoco SVG.
notifications-title = Notificaciones
notifications-bell = Notificaciones
notifications-bell-unread = Notificaciones, { $count } sin leer
notifications-show = Mostrar
notifications-all = Todas
notifications-unread = Sin leer
notifications-read-all = Marcar todas como leídas
notifications-mark-read = Marcar como leída
notifications-new = Nueva
notifications-empty = No hay notificaciones.
notification-owner-contact = { $actor } le ha asignado el contacto { $record }.
notification-owner-company = { $actor } le ha asignado la empresa { $record }.
notification-interaction-contact = { $actor } ha registrado una interacción con su contacto { $record }.
notification-interaction-company = { $actor } ha registrado una interacción con su empresa { $record }.

# The services' validation problems, keyed by each problem's stable code; the
# variables are the values the problem names.
invalid-required = es obligatorio
invalid-empty = no puede estar vacío
invalid-not-a-string = debe ser un texto
invalid-not-a-bool = debe ser verdadero o falso
invalid-not-a-list = debe ser una lista
invalid-not-an-object = debe ser un objeto
invalid-not-a-number = debe ser un número
invalid-not-an-id = debe ser un identificador (un UUID)
invalid-not-a-time = debe ser una fecha y hora en formato RFC 3339, por ejemplo 2026-01-31T14:00:00Z
invalid-not-a-date = debe ser una fecha, por ejemplo 2026-01-31
invalid-has-nul = no puede contener caracteres NUL
invalid-too-long = debe tener como máximo { $max ->
    [one] un carácter
   *[other] { $max } caracteres
}
invalid-too-long-bytes = debe ocupar como máximo { $max ->
    [one] un byte
   *[other] { $max } bytes
}
invalid-too-short = debe tener al menos { $min ->
    [one] un carácter
   *[other] { $min } caracteres
}
invalid-length = debe tener entre { $min } y { $max } caracteres
invalid-too-many = puede contener como máximo { $max ->
    [one] un elemento
   *[other] { $max } elementos
}
invalid-one-of = debe ser uno de estos valores: { $options }
invalid-each-one-of = cada elemento debe ser uno de estos valores: { $options }
invalid-int-range = debe ser un número entero entre { $min } y { $max }
invalid-body-not-object = el cuerpo de la solicitud debe ser un objeto JSON
invalid-kept-by-rapport = lo gestiona Rapport y no se puede establecer
invalid-unknown-field = no es un campo de este recurso
invalid-create-only = no se puede cambiar después de la creación
invalid-not-changeable-here = no se puede cambiar aquí
invalid-contact-needs-name = un contacto necesita un nombre o un apellido
invalid-interaction-needs-parent = una interacción necesita un contact_id o un company_id
invalid-select-needs-option = un campo de selección necesita al menos una opción
invalid-not-tag-names = debe ser una lista de nombres de etiquetas
invalid-tag-length = cada etiqueta debe tener entre 1 y 64 caracteres
invalid-key-not-allowed = «{ $key }» no está permitido aquí; use { $allowed }
invalid-key-too-long = { $key } debe ser un texto de como máximo { $max ->
    [one] un carácter
   *[other] { $max } caracteres
}
invalid-item = elemento { $index }: { $problem }
invalid-part = { $key }: { $problem }
invalid-participant-empty = necesita un nombre, un correo, un teléfono o un user_id
invalid-not-strings = debe ser una lista de textos
invalid-option-length = cada opción debe tener entre 1 y 100 caracteres
invalid-option-twice = la opción «{ $option }» aparece dos veces
invalid-custom-not-object = debe ser un objeto con valores de campos personalizados
invalid-unknown-custom = no es un campo personalizado de este recurso
invalid-unknown-type = tiene un tipo desconocido «{ $name }»
invalid-money-shape = debe tener la forma { $shape }
invalid-no-such-record = { $kind ->
    [contacts] no hay ningún contacto
    [companies] no hay ninguna empresa
    [interactions] no hay ninguna interacción
    [tags] no hay ninguna etiqueta
    [custom-fields] no hay ningún campo personalizado
    [users] no hay ningún usuario
    [teams] no hay ningún equipo
    [attachments] no hay ningún archivo adjunto
   *[other] no hay ningún registro
} con este identificador
invalid-no-such-user = no hay ningún usuario con el identificador { $id }
invalid-assign-own-teams = solo puede asignar registros a usted mismo o a sus equipos
invalid-taken = ya está en uso
invalid-link-missing = un registro vinculado no existe
invalid-attachments-uploaded = los archivos adjuntos se suben a los adjuntos de un registro
invalid-merge-self = no se puede fusionar un registro consigo mismo
invalid-merge-from = debe ser el identificador del registro que se fusiona
invalid-bad-email = no es una dirección de correo electrónico válida
invalid-phone-country = debe empezar por un prefijo de país, por ejemplo +34 o +52
invalid-phone-unreadable = no se puede leer como número de teléfono en formato E.164
invalid-phone-invalid = no es un número de teléfono válido para su prefijo de país
invalid-url-scheme = debe ser una dirección http:// o https://
invalid-bad-url = no es una dirección web válida
invalid-bad-domain = no es un nombre de dominio válido, como example.com
invalid-bad-color = debe ser un color como #1f6feb
invalid-bad-key = debe empezar por una letra minúscula y contener solo a-z, 0-9 y _ (como máximo 64 caracteres)
invalid-bad-time-zone = no es una zona horaria conocida, como Europe/Madrid
invalid-bad-currency = debe ser un código de moneda ISO 4217 de tres letras, como EUR
invalid-cannot-sort = no se puede ordenar por «{ $name }»; campos por los que se puede ordenar: { $fields }
invalid-deleted-param = debe ser exclude u only
invalid-unknown-parameter = no es un parámetro de consulta conocido
invalid-filter-shape = debe tener la forma filter[campo] o filter[campo][operador]
invalid-cannot-filter = no se puede filtrar por «{ $name }»; campos por los que se puede filtrar: { $fields }
invalid-unknown-operator = operador desconocido «{ $op }»; use eq, ne, lt, lte, gt, gte, contains, in o is_null
invalid-operator-not-for = el operador { $op } no se aplica a { $field }
invalid-is-null-bool = is_null admite true o false
invalid-in-too-many = in admite como máximo { $max ->
    [one] un valor
   *[other] { $max } valores
}
invalid-values-too-long = los valores deben tener como máximo { $max ->
    [one] un carácter
   *[other] { $max } caracteres
}
invalid-value-not-an-id = «{ $value }» no es un identificador
invalid-value-not-whole = «{ $value }» no es un número entero
invalid-value-not-a-time = «{ $value }» no es una fecha (2026-01-31) ni una fecha y hora RFC 3339
invalid-bad-cursor = no es un cursor que haya dado esta lista
invalid-bad-search-cursor = no es un cursor que haya dado esta búsqueda
invalid-cursor-other-sort = pertenece a otro orden; empiece de nuevo sin cursor
invalid-unknown-scope = permiso desconocido «{ $scope }»: use read, write o RECURSO:read|write
invalid-unknown-scope-resource = recurso desconocido «{ $resource }» en el permiso «{ $scope }»
invalid-share-views-role = solo los responsables y los administradores comparten vistas
invalid-code-wrong = no es el código actual
invalid-bad-secret = no es un secreto válido
invalid-token-id = debe ser el identificador de un token (un UUID), como lo muestra `rapport token list`
invalid-login-fields = el correo electrónico y la contraseña son obligatorios
invalid-file-name-missing = necesita un nombre de archivo
invalid-file-name-too-long = el nombre del archivo debe tener como máximo { $max ->
    [one] un carácter
   *[other] { $max } caracteres
}
invalid-upload-broke = la subida se interrumpió
invalid-file-empty = está vacío
invalid-file-missing = es obligatorio: envíe el archivo como un campo multipart llamado file
invalid-logo-type = debe ser una imagen PNG, JPEG o WebP
invalid-not-request-field = no es un campo de esta solicitud
invalid-bad-id = no es un identificador válido
invalid-bad-percent = debe ser un porcentaje de 0 a 100 con dos decimales como máximo
invalid-stage-key-twice = la clave de etapa «{ $key }» aparece dos veces
invalid-no-such-stage = debe ser una de las etapas del embudo: { $stages }
invalid-lead-needs-identity = un lead necesita un nombre, un nombre de empresa, un correo electrónico o un teléfono
invalid-lead-needs-channel = indique un correo electrónico o un número de teléfono
invalid-set-by-converting = se establece al convertir el lead
invalid-price-twice = el producto { $product } tiene más de un precio
invalid-reason-needs-lost = solo una oportunidad perdida tiene motivo de pérdida
invalid-too-many-decimals = debe tener como máximo { $max ->
    [one] un decimal
   *[other] { $max } decimales
}
invalid-decimal-range = debe ser un número entre { $min } y { $max }
invalid-amount-too-large = da lugar a un importe demasiado grande

settings-web-form = Formulario de leads
webform-heading = Contacto
webform-first-name = Nombre
webform-last-name = Apellidos
webform-email = Correo electrónico
webform-phone = Teléfono
webform-company-name = Empresa
webform-title = Cargo
webform-message = Mensaje
webform-send = Enviar
webform-leave-empty = Deje este campo vacío
webform-fix = Revise los campos marcados.
webform-thanks-title = Gracias
webform-thanks = Hemos recibido su mensaje y le responderemos pronto.
webform-enabled = Aceptar envíos del formulario público
webform-owner = Asignar los nuevos leads a
webform-thank-you-url = Dirección de la página de agradecimiento
webform-thank-you-hint = Adónde van los visitantes tras enviar; déjelo vacío para usar la página de Rapport.
webform-replace-key = Dar al formulario una dirección nueva (las copias de la anterior dejarán de funcionar)
webform-embed = Poner el formulario en su sitio web
webform-link = El formulario en una página propia:
webform-snippet = HTML para pegar en su sitio web

# Sales pages
nav-leads = Prospectos
nav-deals = Oportunidades
nav-products = Productos
leads-title = Prospectos
leads-empty = Todavía no hay prospectos.
deals-title = Oportunidades
deals-empty = Todavía no hay oportunidades.
products-title = Productos
products-empty = Todavía no hay productos.
form-new-lead = Nuevo prospecto
form-new-deal = Nueva oportunidad
form-new-product = Nuevo producto
field-source = Origen
field-status = Estado
field-score = Puntuación
field-message = Mensaje
field-deal-title = Título de la oportunidad
field-pipeline = Embudo
field-amount = Importe
field-expected-close = Cierre previsto
field-probability = Probabilidad (%)
field-code = Código
field-unit-price = Precio unitario
field-tax-rate = Tipo de impuesto (%)
field-tax-rate-hint = Un porcentaje como 21 o 10.
field-unit = Unidad
field-position = Posición
field-currency = Moneda
field-stages = Etapas
field-lost-reason = Motivo de la pérdida
lead-source-manual = Introducido a mano
lead-source-web_form = Formulario web
lead-source-api = API
lead-source-import = Importación
lead-source-referral = Recomendación
lead-source-event = Evento
lead-source-advertising = Publicidad
lead-source-partner = Socio
lead-source-social = Redes sociales
lead-source-cold_call = Llamada en frío
lead-source-email = Correo electrónico
lead-source-other = Otro
lead-status-new = Nuevo
lead-status-contacted = Contactado
lead-status-qualified = Cualificado
lead-status-disqualified = Descartado
lead-status-converted = Convertido
deal-status-open = Abierta
deal-status-won = Ganada
deal-status-lost = Perdida
unit-C62 = Uno
unit-H87 = Pieza
unit-HUR = Hora
unit-DAY = Día
unit-WEE = Semana
unit-MON = Mes
unit-ANN = Año
unit-KGM = Kilogramo
unit-MTR = Metro
unit-LTR = Litro
unit-MTK = Metro cuadrado
unit-SET = Juego
product-active = Activo
product-archived = Archivado
lead-convert = Convertir
lead-converted-to = Convertido en
lead-open-contact = Abrir el contacto
convert-title = Convertir a { $name }
convert-reason-email = mismo correo
convert-reason-phone = mismo teléfono
convert-reason-domain = mismo dominio
convert-reason-name = mismo nombre
convert-duplicates-found = Ya existen registros parecidos. Elija uno para vincularlo o cree registros nuevos.
convert-contact = Contacto
convert-company = Empresa
convert-deal = Oportunidad
convert-link-to = Vincular con { $name }
convert-create-contact = Crear un contacto nuevo para { $name }
convert-create-company = Crear la empresa nueva { $name }
convert-with-deal = Abrir una oportunidad
convert-no-deal = Sin oportunidad
board-no-pipeline = Todavía no hay ningún embudo. Un administrador puede crearlo en Ajustes.
board-days-in-stage = { $days ->
    [one] Un día en esta etapa
   *[other] { $days } días en esta etapa
}
board-count = { $count ->
    [one] Una oportunidad
   *[other] { $count } oportunidades
}
board-stale = Esta oportunidad cambió después de mostrarse el tablero, así que no se ha movido. Este es el tablero actual.
board-list-view = Ver como lista
board-switch = Mostrar
board-move-to = Mover a
board-move = Mover
board-show-more = Ver todas las oportunidades de esta etapa
deal-time-in-stage = Tiempo en la etapa
deal-closed-at = Cerrada
deal-mark-won = Marcar como ganada
deal-mark-lost = Marcar como perdida
deal-lost-needs-reason = Indique por qué se perdió la oportunidad.
settings-pipelines = Embudos
settings-price-lists = Listas de precios
stage-order = Orden
stage-key = Clave
stage-remove = Quitar
stage-order-of = Orden de la etapa { $row }
stage-key-of = Clave de la etapa { $row }
stage-name-of = Nombre de la etapa { $row }
stage-probability-of = Probabilidad de la etapa { $row }
stage-remove-of = Quitar la etapa { $row }
stage-rows-hint = Rellene una fila vacía para añadir una etapa, cambie los números para reordenarlas y marque Quitar para eliminar una.
stage-probability-invalid = Una probabilidad es un número entero de 0 a 100.
panel-deals = Oportunidades
panel-no-open-deals = No hay oportunidades abiertas.

invalid-needs-due-at = necesita una fecha de vencimiento

# Tasks, the calendar and its feed.
nav-tasks = Tareas
nav-calendar = Calendario
tasks-title = Tareas
tasks-new = Nueva tarea
tasks-open = Tareas abiertas
tasks-add = Añadir tarea
tasks-field-title = Título
tasks-field-due = Vence
tasks-field-priority = Prioridad
tasks-done = Hecha
tasks-recurring = Se repite
tasks-empty = No hay tareas abiertas.
tasks-bad-due = El vencimiento no es una fecha con hora.
priority-low = Baja
priority-normal = Normal
priority-high = Alta
notification-reminder = Recordatorio: { $record } vence pronto.
calendar-title = Calendario
calendar-views = Vistas del calendario
calendar-move = Moverse por el calendario
calendar-day = Día
calendar-week = Semana
calendar-month = Mes
calendar-prev = Anterior
calendar-next = Siguiente
calendar-today = Hoy
calendar-empty = No hay nada previsto en este periodo.
weekday-1 = Lunes
weekday-2 = Martes
weekday-3 = Miércoles
weekday-4 = Jueves
weekday-5 = Viernes
weekday-6 = Sábado
weekday-7 = Domingo
feed-title = Suscripción al calendario
feed-manage = Suscribirse a sus tareas y reuniones desde una aplicación de calendario
feed-help = Una aplicación de calendario puede suscribirse a esta dirección y mostrar sus tareas y reuniones. Quien tenga la dirección puede leerlas, así que no la comparta.
feed-new = Su nueva dirección de suscripción. Cópiela ahora: solo se muestra esta vez.
feed-address = Dirección de suscripción
feed-since = Su dirección de suscripción actual se creó el { $when }.
feed-none = Aún no tiene dirección de suscripción.
feed-create = Crear una dirección de suscripción
feed-rotate = Crear una dirección nueva (la anterior dejará de funcionar)

# Sales documents.
invalid-currency-differs = el producto tiene su precio en { $currency }, no en la moneda del documento

## Documents out: seller details, PDF and UBL
org-seller = Datos del vendedor
org-seller-hint = Aparecen en presupuestos, pedidos y facturas; una factura electrónica (Peppol) necesita la razón social, el país, el NIF-IVA y la dirección electrónica.
org-seller-legal-name = Razón social
org-seller-street = Dirección
org-seller-postcode = Código postal
org-seller-city = Ciudad
org-seller-country = Código de país (ISO 3166, como ES)
org-seller-vat-number = NIF-IVA
org-seller-company-id = Número de registro mercantil
org-seller-iban = IBAN
org-seller-bic = BIC
org-seller-email = Correo de facturación
org-seller-endpoint-scheme = Esquema Peppol (código EAS, como 9920)
org-seller-endpoint-id = Dirección electrónica Peppol
org-seller-save = Guardar datos del vendedor
org-seller-saved = Se guardaron los datos del vendedor.
invalid-bad-country = debe ser un código de país ISO 3166 de dos letras, como ES
invalid-bad-iban = no es un IBAN válido; sus dígitos de control no cuadran
invalid-bad-bic = debe ser un BIC de 8 u 11 letras y dígitos
invalid-bad-endpoint = debe ser un esquema EAS de cuatro dígitos y un identificador, como 9920:B12345678
invalid-bad-vat-number = debe ser un NIF-IVA que empiece por el prefijo de su país, como ESB12345678
invalid-price-list-currency = la lista de precios está en { $currency }, no en la moneda del documento
invalid-document-refused = no se puede generar: { $detail }
doc-pdf-quote = Presupuesto
doc-pdf-order = Confirmación de pedido
doc-pdf-invoice = Factura
doc-pdf-quote-number = Número de presupuesto
doc-pdf-order-number = Número de pedido
doc-pdf-invoice-number = Número de factura
doc-pdf-date = Fecha
doc-pdf-due-date = Vencimiento
doc-pdf-valid-until = Válido hasta
doc-pdf-buyer-reference = Su referencia
doc-pdf-bill-to = Facturar a
doc-pdf-customer = Cliente
doc-pdf-vat-id = NIF-IVA
doc-pdf-company-id = N.º de registro
doc-pdf-description = Descripción
doc-pdf-quantity = Cant.
doc-pdf-unit-price = Precio unitario
doc-pdf-discount = Descuento
doc-pdf-tax-rate = IVA
doc-pdf-net = Importe
doc-pdf-subtotal = Base imponible
doc-pdf-tax = IVA { $rate } sobre { $taxable }
doc-pdf-total = Total
doc-pdf-paid = Pagado
doc-pdf-amount-due = Importe pendiente
doc-pdf-payment-terms = Condiciones de pago
doc-pdf-iban = IBAN
doc-pdf-payment-reference = Referencia de pago
doc-pdf-note = Nota
doc-pdf-page = Página { $page } de { $pages }
doc-pdf-unit-hour = h
doc-pdf-unit-day = días
doc-file-missing = Todavía no se puede generar el archivo: { $problems }
doc-file-not-now = El archivo no se puede generar en el estado actual del documento: la factura UBL existe cuando la factura está emitida (y no anulada), y un documento eliminado debe restaurarse primero.
doc-file-buyer = Cliente
doc-file-buyer-company = Empresa del cliente
doc-file-buyer-peppol = Dirección Peppol del cliente
doc-file-buyer-country = País del cliente
doc-file-lines = Líneas
