"""Every write of the campaign that matters: imports, calendar, opening mails, profile requests.

Services take keyword-only arguments, run in a transaction and record an audit event.
"""
