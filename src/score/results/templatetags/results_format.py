"""Template filters for report figures: shares as per cent, changes with a sign, USD."""

from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.8302 → "83%"; nothing → "–"."""
    if share is None or share == "":
        return "–"
    return f"{round(float(share) * 100)}%"


@register.filter
def change(value):
    """-0.1134 → "−11%", 0.1 → "+10%"; nothing → "–"."""
    if value is None or value == "":
        return "–"
    rounded = round(float(value) * 100)
    if rounded > 0:
        return f"+{rounded}%"
    if rounded < 0:
        return f"−{abs(rounded)}%"
    return "0%"


@register.filter
def usd(amount):
    """18670.4 → "USD 18,670"; nothing → "–"."""
    if amount is None or amount == "":
        return "–"
    return f"USD {round(float(amount)):,}"


@register.filter
def figure(value):
    """A number without needless decimals (12.5, 3), grouped; nothing → "–"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{round(value, 4):,}"
    return f"{int(value):,}"
