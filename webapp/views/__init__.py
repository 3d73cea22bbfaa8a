"""The views: one blueprint per area, each in its module (``create_app`` registers them and
the app's hooks, in order). What they share is in ``shared`` (the session's account, forms
acted on once, the way back, the stage's phone) and ``journeys`` (a page's screen told to the
running tour or practice, an action performed and what it did); neither imports a
blueprint."""
