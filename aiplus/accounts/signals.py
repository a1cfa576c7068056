from django.dispatch import Signal

# sender: the user model; user, request
password_changed = Signal()
