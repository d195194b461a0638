"""Delivering alerts: signed webhooks under the crawler's address rules, and e-mails."""
