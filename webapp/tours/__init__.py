"""Guided tours, as data: one module per tour in this package (see tour.py for the shape).

``TOURS`` maps each tour's id to it, in the order the panel and 常见问题 list them.
"""

from webapp.journey.route import CONDITIONS, Step
from webapp.tours import auto_repay_off, close_weilidai, close_with_debt, why_frozen
from webapp.tours.tour import Tour

TOURS = {module.TOUR.id: module.TOUR
         for module in (close_weilidai, close_with_debt, auto_repay_off, why_frozen)}

__all__ = ["CONDITIONS", "TOURS", "Step", "Tour"]
