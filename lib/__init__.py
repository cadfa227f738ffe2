"""Media-analysis helper library: load and clean news texts, find actors, quotes, tone and topics.

Modules are named for tasks (``lib.corpus``, ``lib.clean``, ``lib.text``, ``lib.actors``, ``lib.quotes``,
``lib.sentiment``, ``lib.topics``, ``lib.report``); import what you need from them.
"""

__version__ = "0.1.0"
