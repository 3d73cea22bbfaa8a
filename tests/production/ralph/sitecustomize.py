"""Loaded by the tests' Ralph, and by nothing else: tests/production/lrs.py puts this folder
on the PYTHONPATH of the ``ralph runserver`` it starts (and so of the server process that
runserver's reloader starts).

Ralph's file system backend writes every POST of statements with the operation CREATE, which
refuses a file that exists: it keeps the first batch it is sent and answers 500 to every
later one (ralph-malph 4.2 to 5.1). An LRS on a file must append, and this makes it do so;
nothing else of Ralph is changed (its API, validation, authentication, duplicate check and
storage are what the tests run against)."""

try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend
except ImportError:  # a process that is not Ralph's
    pass
else:
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
