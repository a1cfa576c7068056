"""Moments that lower layers announce and higher ones (the audit log) record, so that core and
accounts never import the audit app."""

from django.dispatch import Signal

# sender: None; request, name (what was exported), export_format
data_exported = Signal()
