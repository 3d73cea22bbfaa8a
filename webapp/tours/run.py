"""One run of a guided tour: which tour, whether it plays by itself, and the journey on its
route (webapp/journey/engine.py), as the session keeps it. Plain logic, no Flask."""

from dataclasses import dataclass

from webapp.journey import engine
from webapp.journey.engine import Journey


@dataclass
class TourRun:
    tour: str  # the tour's id
    journey: Journey
    autoplay: bool = False

    @classmethod
    def start(cls, tour, account, now, autoplay=False):
        return cls(tour.id, Journey.start(tour.route, account, now, guided=True), autoplay)

    @classmethod
    def from_json(cls, data, tours):
        """The run a session holds, or None when it is not one (or of no known tour)."""
        if not isinstance(data, dict) or data.get("tour") not in tours:
            return None
        journey = Journey.from_json(data.get("journey"), tours[data["tour"]].route)
        if journey is None:
            return None
        return cls(data["tour"], journey, data.get("autoplay") is True)

    def to_json(self):
        return {"tour": self.tour, "journey": self.journey.to_json(), "autoplay": self.autoplay}

    @property
    def key(self):
        """Which run of which tour this is: the tour's forms (退出教程, 知道了, 停止自动播放)
        carry it, so one drawn for an earlier run does nothing to this one."""
        return f"{self.tour}:{round(self.journey.started * 1000)}"

    @property
    def number(self):
        """The current step, from 1; len(tour) + 1 once finished."""
        return self.journey.at[0] + 1

    @property
    def is_finished(self):
        return self.journey.is_finished

    @property
    def wrong(self):
        return self.journey.wrong

    @property
    def seconds(self):
        journey = self.journey
        return max(0, int((journey.finished or journey.started) - journey.started))

    def belongs_to(self, account):
        return self.journey.belongs_to(account)

    def step(self, tour):
        """The current Step, or None once finished."""
        return None if self.is_finished else tour.steps[self.journey.at[0]]

    def target(self, tour, screen, account, policy):
        """The test id of the element to tap on a page of ``screen``: the current step's, when
        this is its screen and the element is drawn for the account as it is; else None."""
        step = self.step(tour)
        if step is None or screen != step.screen or not step.drawn_for(account, policy):
            return None
        return step.target

    def see(self, tour, screen, path, arrival, account, policy, now):
        """A page of the phone was shown: returns whether it is off the tour's path."""
        return engine.arrive(tour.route, self.journey, screen, path, arrival, account, policy,
                             now)[1]

    def settle(self, tour, account, policy, now):
        engine.settle(tour.route, self.journey, account, policy, now)

    def read(self, tour, index, now):
        return engine.read(tour.route, self.journey, index, now)
