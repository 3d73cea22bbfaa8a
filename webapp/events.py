"""The app's events and who handles them: a state change says what happened (an attempt
ended), and the handlers wired in ``create_app`` do what follows from it (the class's
record, the xAPI statements), in the order they were subscribed. No Flask here: the
handlers are plain callables."""


class Events:
    def __init__(self):
        self._handlers = {}

    def subscribe(self, kind, handler):
        self._handlers.setdefault(kind, []).append(handler)

    def publish(self, event):
        for handler in self._handlers.get(type(event), ()):
            handler(event)
