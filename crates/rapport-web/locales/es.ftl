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
