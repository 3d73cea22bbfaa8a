"""What a guided tour is: a scenario to start from, a page to start on, and steps, each on one
screen, pointing at one element, saying what to do in the article's words
(webapp/journey/route.py says how a step is done). A tour is a route of one branch, the one
its rings follow; where the trainee is on it is the journey's (webapp/journey/engine.py).

Plain data and a few checks; the session side is webapp/views/tours.py.
"""

from dataclasses import dataclass
from functools import cached_property

from webapp.journey.route import Route


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    scenario: str
    start: str  # the path the tour opens on
    summary: str  # one sentence: what the tour teaches
    learned: tuple  # the end page's "what you learned", one line each
    steps: tuple
    ends_on: str | None = None  # the screen the last step's tap leads to

    def __post_init__(self):
        self.route  # noqa: B018 - a route that does not hold together stops the app here

    @cached_property
    def route(self):
        return Route(self.id, self.start, (self.steps,), self.ends_on)

    def __len__(self):
        return len(self.steps)
