"""Formulas of computed indicators, e.g. ``defective_units / units_produced * 100``.

A formula is parsed with the ``ast`` module and only numbers, indicator codes, the four
operators + - * / , unary minus and parentheses are accepted; anything else (calls,
attributes, names with dunders, powers, comparisons) is refused. Nothing is ever passed to
``eval``. The same tree becomes either a Django expression (derived in SQL when read) or a
Python value (the reference implementation the tests compare with)."""

import ast
from decimal import Decimal, InvalidOperation

from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast, NullIf
from django.utils.translation import gettext as _

_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


class FormulaError(ValueError):
    """The formula is not one this platform can compute; the message says why."""


def parse_formula(text: str) -> ast.expr:
    try:
        tree = ast.parse((text or "").strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(
            _("The formula “%(text)s” cannot be read. Write it like “a / b * 100”.")
            % {"text": text}
        ) from None
    _check(tree.body, text)
    return tree.body


def _is_leaf(node: ast.AST) -> bool:
    number = isinstance(node, ast.Constant) and type(node.value) in (int, float)
    code = isinstance(node, ast.Name) and not node.id.startswith("_")
    return number or code


def _check(node: ast.AST, text: str) -> None:
    if isinstance(node, ast.BinOp) and isinstance(node.op, _OPERATORS):
        _check(node.left, text)
        _check(node.right, text)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check(node.operand, text)
    elif not _is_leaf(node):
        raise FormulaError(
            _(
                "The formula “%(text)s” may use only indicator codes, numbers, + - * / and "
                "parentheses."
            )
            % {"text": text}
        )


def formula_codes(text: str) -> set[str]:
    """The indicator codes a formula reads."""
    return {node.id for node in ast.walk(parse_formula(text)) if isinstance(node, ast.Name)}


def formula_denominators(text: str) -> set[str]:
    """The codes a formula divides by (missing ones leave the result undefined)."""
    codes = set()
    for node in ast.walk(parse_formula(text)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            codes |= {n.id for n in ast.walk(node.right) if isinstance(n, ast.Name)}
    return codes


def to_expression(text: str, refs: dict):
    """A Django expression for the formula; ``refs`` maps each code to an expression.

    Divisions by zero give NULL (no value), never an error."""

    def build(node):
        if isinstance(node, ast.BinOp):
            left, right = build(node.left), build(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / NullIf(right, Value(0.0))
        if isinstance(node, ast.UnaryOp):
            return Value(0.0) - build(node.operand)
        if isinstance(node, ast.Constant):
            return Value(float(node.value), output_field=FloatField())
        return Cast(refs.get(node.id, F(node.id)), FloatField())

    return build(parse_formula(text))


def evaluate(text: str, values: dict) -> Decimal | None:
    """The formula's value in Python, or None when an operand is missing or a divisor is 0."""

    def calc(node):
        if isinstance(node, ast.BinOp):
            left, right = calc(node.left), calc(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return None if right == 0 else left / right
        if isinstance(node, ast.UnaryOp):
            inner = calc(node.operand)
            return None if inner is None else -inner
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        value = values.get(node.id)
        try:
            return None if value is None else Decimal(str(value))
        except InvalidOperation:
            return None

    return calc(parse_formula(text))
