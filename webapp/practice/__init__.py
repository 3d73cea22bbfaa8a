"""Practice (a tour without the rings, scored), classes and their xAPI statements.

``EXERCISES`` maps each exercise's id to it (exercises.py), in the order /practice lists
them; attempt.py follows an attempt and scores it, classes.py and classroom.py keep a
trainer's class, xapi.py and outbox.py make the statements and send them.
"""

from webapp.practice.exercises import EXERCISES, Exercise

__all__ = ["EXERCISES", "Exercise"]
