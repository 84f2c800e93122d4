app-name = Rapport
skip-to-content = Skip to content
nav-main = Main navigation
nav-contacts = Contacts
nav-companies = Companies
nav-interactions = Interactions
nav-account = Your account
nav-api = API
search-label = Search
search-placeholder = Search contacts, companies, notes… (Ctrl K)
search-title = Search
search-no-results = Nothing matches “{ $query }”.
sign-out = Sign out

login-title = Sign in
login-email = Email address
login-password = Password
login-submit = Sign in
login-failed = The email address or the password is wrong.
login-too-many = Too many failed attempts. Wait a minute and try again.

setup-title = Welcome to Rapport
setup-intro = Create the first administrator. You can invite everyone else afterwards.
setup-name = Your name
setup-submit = Create administrator

contacts-title = Contacts
contacts-empty = No contacts yet.
companies-title = Companies
companies-empty = No companies yet.
interactions-title = Interactions
interactions-empty = No interactions yet.
list-next = Next page
list-search = Filter this list
list-search-submit = Filter

col-name = Name
col-email = Email
col-phone = Phone
col-company = Company
col-stage = Stage
col-created = Created
col-domain = Domain
col-industry = Industry
col-kind = Kind
col-subject = Subject
col-when = When

contact-facts = Details
contact-timeline = Timeline
contact-no-interactions = Nothing on the timeline yet.
field-title = Job title
field-tags = Tags
field-owner = Owner

kind-note = Note
kind-email = Email
kind-call = Call
kind-sms = SMS
kind-chat = Chat
kind-meeting = Meeting
kind-task = Task
kind-system = System
direction-inbound = Inbound
direction-outbound = Outbound
direction-internal = Internal

stage-subscriber = Subscriber
stage-lead = Lead
stage-marketing_qualified = Marketing qualified
stage-sales_qualified = Sales qualified
stage-opportunity = Opportunity
stage-customer = Customer
stage-evangelist = Evangelist
stage-other = Other

account-title = Your account
account-sessions = Signed-in devices
account-this-session = This device
account-last-seen = Last active
account-revoke = Sign out this device
account-password = Change password
account-current-password = Current password
account-new-password = New password
account-password-submit = Change password
account-password-changed = Your password is changed. Other devices were signed out.
account-password-wrong = The current password is wrong.

error-title = Something went wrong
error-not-found = This page does not exist, or you may not see it.
error-forbidden = You may not do this.
error-csrf = This form expired. Reload the page and try again.
error-back = Back to contacts
