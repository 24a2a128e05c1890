"""Nutrition: ingredients, weight units, plans and the diary."""

from wger.blueprints.nutrition.resources import blueprint

__all__ = ["blueprint"]
